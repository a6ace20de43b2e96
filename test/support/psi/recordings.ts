/**
 * The Lighthouse reports recorded for the fixture PageSpeed Insights server, and which requested page
 * each one answers. `npm run data:psi-fixtures` (scripts/data/psi-fixtures.ts) records them into
 * test/fixtures/psi/lighthouse/; test/support/psi-server.ts serves them; test/fixtures/psi/README.md says
 * what in them is real and what is not.
 */

/** Stands for the fixture site's origin in recorded reports; the server writes the requested origin back. */
export const FIXTURE_ORIGIN = 'http://fixture-origin.invalid';

export type PsiStrategy = 'mobile' | 'desktop';

export interface PsiRecording {
  /** Also the key in recordings.json. */
  name: string;
  /** Path (and query) on the fixture sites that Lighthouse loaded. */
  path: string;
  strategy: PsiStrategy;
  /** 'current' = the project's devDependency; 'old' = OLD_LIGHTHOUSE (scripts/data/psi-fixtures.ts). */
  lighthouse: 'current' | 'old';
  /** File name under test/fixtures/psi/lighthouse/. */
  file: string;
  /** Lighthouse must report a runtimeError for this page (the recording fails otherwise). */
  expectRuntimeError?: boolean;
}

export const PSI_RECORDINGS: readonly PsiRecording[] = [
  {
    name: 'shop-mobile',
    path: '/sites/shop.html',
    strategy: 'mobile',
    lighthouse: 'current',
    file: 'shop-mobile.json',
  },
  {
    name: 'shop-desktop',
    path: '/sites/shop.html',
    strategy: 'desktop',
    lighthouse: 'current',
    file: 'shop-desktop.json',
  },
  {
    name: 'simple-mobile',
    path: '/sites/simple.html',
    strategy: 'mobile',
    lighthouse: 'current',
    file: 'simple-mobile.json',
  },
  {
    name: 'simple-desktop',
    path: '/sites/simple.html',
    strategy: 'desktop',
    lighthouse: 'current',
    file: 'simple-desktop.json',
  },
  {
    name: 'error-500-mobile',
    path: '/status/500',
    strategy: 'mobile',
    lighthouse: 'current',
    file: 'error-500-mobile.json',
    expectRuntimeError: true,
  },
  {
    name: 'shop-mobile-old',
    path: '/sites/shop.html',
    strategy: 'mobile',
    lighthouse: 'old',
    file: 'shop-mobile-old.json',
  },
];

/** test/fixtures/psi/recordings.json: provenance, and what each recording ran with (written by the script). */
export interface RecordingsFile {
  description: string;
  recordings: Record<string, { lighthouseVersion: string; fetchTime: string; hostUserAgent: string }>;
}
