/**
 * `npm run data:psi-fixtures`: records the real Lighthouse reports the fixture PageSpeed Insights server
 * (test/support/psi-server.ts) answers with, into test/fixtures/psi/lighthouse/, and their list into
 * test/fixtures/psi/recordings.json. Offline except for one step: the older Lighthouse (OLD_LIGHTHOUSE)
 * is installed from the npm registry into a temporary folder.
 *
 * What runs: the demo's fixture sites (test/support/fixture-sites.ts) on loopback; stand-ins for the
 * shop's third parties (scripts/data/psi/third-party-stand-ins.ts), which Chromium reaches under their
 * real host names; Debian Chromium; Lighthouse with the configurations it ships for PageSpeed Insights'
 * runner (lr-mobile-config, lr-desktop-config). What is kept: each report as Lighthouse returned it,
 * except
 *   - the fixture site's origin (a random port) is written as FIXTURE_ORIGIN, which the PSI server
 *     replaces with the requested page's origin;
 *   - base64 screenshots are replaced by a 1×1 image, which keeps a report under 150 KB;
 *   - `errorStack` fields (stack traces of errored audits) are dropped: they name the recording
 *     machine's folders and are not part of what PageSpeed Insights documents.
 *
 *   npm run data:psi-fixtures                    every recording
 *   npm run data:psi-fixtures -- shop-mobile     only the named ones
 *   CHROME_PATH=/path/to/chromium ...            another Chromium
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFixtureSites } from '../../test/support/fixture-sites.ts';
import { startDebugChromium } from '../lib/chromium.ts';
import { startStandIns } from './psi/third-party-stand-ins.ts';
import { trim } from './psi/trim.ts';
import { PSI_RECORDINGS, type PsiRecording, type RecordingsFile } from '../../test/support/psi/recordings.ts';

/** The Lighthouse before `third-parties-insight` (added in 12.4.0): its reports have only `third-party-summary`. */
export const OLD_LIGHTHOUSE = '12.3.0';

const OUT_DIR = fileURLToPath(new URL('../../test/fixtures/psi/', import.meta.url));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

type Json = Record<string, unknown>;
type LighthouseRun = (
  url: string,
  flags: Json,
  config: unknown,
) => Promise<{ lhr: Json & { runtimeError?: { code: string } } } | undefined>;

interface LighthouseModule {
  run: LighthouseRun;
  version: string;
  configs: Record<'mobile' | 'desktop', unknown>;
}

/** A Lighthouse package (the project's own, or one installed elsewhere) and its PSI configurations. */
async function loadLighthouse(root: string): Promise<LighthouseModule> {
  const at = (path: string) => pathToFileURL(join(root, path)).href;
  const core = (await import(at('core/index.js'))) as { default: LighthouseRun };
  const mobile = (await import(at('core/config/lr-mobile-config.js'))) as { default: unknown };
  const desktop = (await import(at('core/config/lr-desktop-config.js'))) as { default: unknown };
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { run: core.default, version, configs: { mobile: mobile.default, desktop: desktop.default } };
}

/** Installs an older Lighthouse from the registry into a temporary folder (the one online step). */
function installLighthouse(version: string, into: string): string {
  execFileSync('npm', ['init', '-y'], { cwd: into, stdio: 'ignore' });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `lighthouse@${version}`], {
    cwd: into,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(into, 'node_modules', 'lighthouse');
}

async function record(
  recording: PsiRecording,
  lighthouse: LighthouseModule,
  origin: string,
  port: number,
): Promise<Json> {
  const url = `${origin}${recording.path}`;
  const result = await lighthouse.run(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
    lighthouse.configs[recording.strategy],
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const code = result.lhr.runtimeError?.code;
  if (recording.expectRuntimeError ? !code : code) {
    throw new Error(`${recording.name}: runtimeError ${code ?? 'none'} was not expected`);
  }
  return trim(result.lhr, origin);
}

const wanted = new Set(process.argv.slice(2));
const recordings = PSI_RECORDINGS.filter((r) => wanted.size === 0 || wanted.has(r.name));
if (recordings.length === 0) {
  console.error(`No such recording. Known: ${PSI_RECORDINGS.map((r) => r.name).join(', ')}`);
  process.exit(2);
}

const sites = await startFixtureSites();
const standIns = await startStandIns();
const chromium = await startDebugChromium({
  path: chromePath,
  args: [
    // Every third-party host goes to the stand-ins; the fixture sites on 127.0.0.1 stay themselves.
    `--host-resolver-rules=MAP * 127.0.0.1:${standIns.port}, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
    '--ignore-certificate-errors',
  ],
});
const oldRoot = mkdtempSync(join(tmpdir(), 'lighthouse-old-'));
const manifestPath = join(OUT_DIR, 'recordings.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as RecordingsFile;
try {
  const current = await loadLighthouse(
    fileURLToPath(new URL('../../node_modules/lighthouse/', import.meta.url)),
  );
  const old = recordings.some((r) => r.lighthouse === 'old')
    ? await loadLighthouse(installLighthouse(OLD_LIGHTHOUSE, oldRoot))
    : null;
  mkdirSync(join(OUT_DIR, 'lighthouse'), { recursive: true });
  const origin = sites.origins[0]!;
  for (const recording of recordings) {
    const lighthouse = recording.lighthouse === 'old' ? old! : current;
    const config = lighthouse.configs[recording.strategy] as { settings?: { throttling?: Json } };
    standIns.setCpuSlowdown(Number(config.settings?.throttling?.['cpuSlowdownMultiplier'] ?? 1));
    const started = Date.now();
    const lhr = await record(recording, lighthouse, origin, chromium.port);
    writeFileSync(join(OUT_DIR, 'lighthouse', recording.file), `${JSON.stringify(lhr)}\n`);
    manifest.recordings[recording.name] = {
      lighthouseVersion: String(lhr['lighthouseVersion']),
      fetchTime: String(lhr['fetchTime']),
      hostUserAgent: String((lhr['environment'] as Json | undefined)?.['hostUserAgent'] ?? ''),
    };
    console.log(
      `${recording.name}: Lighthouse ${lighthouse.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
} finally {
  chromium.stop();
  await standIns.stop();
  await sites.stop();
  rmSync(oldRoot, { recursive: true, force: true });
}
