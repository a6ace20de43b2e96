/**
 * `npm test`: build the site once (the workers and browser tests serve dist/), then run every vitest
 * project. Browser tests run when Chromium is installed (CHROMIUM_PATH or /usr/bin/chromium) and are
 * reported as skipped otherwise; CI=true turns a missing Chromium into a failure. Rendered scans run in
 * the browser wrangler launches (scripts/lib/local-chrome.ts).
 * Ends with one plain summary line, "N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ensureLocalChrome } from './lib/local-chrome.ts';
import { runOrExit } from './lib/run.ts';
import { quietEnv } from './lib/quiet-env.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    console.error(
      `Chromium not found at ${chromium}; CI must run the browser tests (apt-get install chromium).`,
    );
    process.exit(1);
  }
  console.warn(`Chromium not found at ${chromium}: browser tests will be skipped.`);
}
const outDir = process.env.SITE_DIST;
runOrExit('npx', ['astro', 'build', ...(outDir ? ['--outDir', outDir] : [])]);
// Rendered-scan tests: the browser miniflare launches (the test setup checks again; cheap when done).
if (existsSync(chromium)) console.log(`local browser: ${(await ensureLocalChrome()).state}`);

const report = 'test-results/vitest.json';
const result = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...quietEnv, CHROMIUM_PATH: chromium } },
);
if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  console.log(
    `\n${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests + totals.numTodoTests} skipped`,
  );
}
process.exit(result.status ?? 1);
