/**
 * The browser behind the `BROWSER` binding when running locally. `wrangler pages dev` and the vitest
 * workers pool (miniflare) launch Chrome for Testing `BROWSER_VERSION`, which miniflare downloads into
 * `<XDG_CACHE_HOME or ~/.cache>/.wrangler/chrome/linux-<version>/chrome-linux64/chrome` on first use;
 * there is no option for another path. Offline the download fails, so before wrangler or vitest starts we
 * put Debian's Chromium there: an executable wrapper that execs the real binary, plus miniflare's
 * "install complete" marker (without it a failed first launch makes miniflare delete the folder and try to
 * download again). The version is read from miniflare's own file, never hard-coded.
 *
 * A real download is never overwritten: if `chrome` exists and is not our wrapper, it is left alone. When
 * the download host resolves (the machine has internet), nothing is written and wrangler downloads Chrome
 * for Testing as usual. `EDGE_SPEED_TOOLS_LOCAL_CHROME=debian` forces the wrapper, `=download` forbids it.
 */
import { lookup } from 'node:dns/promises';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where Chrome for Testing is downloaded from (@puppeteer/browsers); resolving it is our online test. */
const DOWNLOAD_HOST = 'storage.googleapis.com';
/** How long the online test may take before we decide we are offline. */
const LOOKUP_TIMEOUT_MS = 1_500;
/** First line of our wrapper after the shebang; how we recognise a folder we wrote. */
const WRAPPER_TAG = '# edge-speed-tools: Debian Chromium standing in for Chrome for Testing';
/** miniflare's marker of a verified install (src/plugins/browser-rendering/install.ts). */
const INSTALL_COMPLETE_MARKER = '.miniflare-install-complete';

export interface LocalChrome {
  /** The chrome path miniflare will launch. */
  executable: string;
  /** What this call found or did. */
  state: 'wrapper' | 'wrapper-written' | 'downloaded' | 'left-to-wrangler';
}

/** The Chrome for Testing version this miniflare launches (its `BROWSER_VERSION` constant). */
export function miniflareBrowserVersion(): string {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('miniflare'), 'utf8');
  const match = /BROWSER_VERSION\s*=\s*"(\d+\.\d+\.\d+\.\d+)"/.exec(source);
  if (!match)
    throw new Error('Could not find BROWSER_VERSION in miniflare; update scripts/lib/local-chrome.ts.');
  return match[1] as string;
}

/** miniflare's cache folder for browsers: `<XDG_CACHE_HOME or ~/.cache>/.wrangler/chrome`. */
export function chromeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, '.wrangler', 'chrome');
}

/** The real Chromium binary (Debian's /usr/bin/chromium is a shell wrapper around it). */
export function debianChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const candidate of ['/usr/lib/chromium/chromium', env.CHROMIUM_PATH, '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

async function online(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) =>
    setTimeout(() => resolve(false), LOOKUP_TIMEOUT_MS).unref(),
  );
  return Promise.race([
    lookup(DOWNLOAD_HOST).then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/**
 * Makes sure miniflare will find a Chrome to launch. Idempotent and cheap when already done; safe to call
 * from every script and test setup.
 */
export async function ensureLocalChrome(env: NodeJS.ProcessEnv = process.env): Promise<LocalChrome> {
  const version = miniflareBrowserVersion();
  const installDir = join(chromeCacheDir(env), `linux-${version}`);
  const executable = join(installDir, 'chrome-linux64', 'chrome');
  const marker = join(installDir, INSTALL_COMPLETE_MARKER);
  if (existsSync(executable)) {
    const ours = readFileSync(executable, 'utf8').slice(0, 400).includes(WRAPPER_TAG);
    if (ours && !existsSync(marker)) writeFileSync(marker, '');
    return { executable, state: ours ? 'wrapper' : 'downloaded' };
  }
  const choice = env.EDGE_SPEED_TOOLS_LOCAL_CHROME;
  if (choice === 'download' || (choice !== 'debian' && (await online()))) {
    return { executable, state: 'left-to-wrangler' };
  }
  const chromium = debianChromium(env);
  if (!chromium) {
    throw new Error(
      `No Chromium to stand in for Chrome for Testing ${version} offline: install Debian's chromium (apt-get install chromium).`,
    );
  }
  mkdirSync(dirname(executable), { recursive: true });
  // `setpriv --pdeathsig KILL`: Chromium dies with the process that launched it (miniflare runs it in its
  // own process group, which a signal to wrangler's group does not reach). `--no-sandbox`: the sandbox
  // needs user namespaces or a setuid helper, which containers and root shells lack. Chromium gets only an
  // allow-listed environment from miniflare, so flags must be here, not in variables.
  const pdeathsig = existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv --pdeathsig KILL ' : '';
  writeFileSync(executable, `#!/bin/sh\n${WRAPPER_TAG}\nexec ${pdeathsig}${chromium} --no-sandbox "$@"\n`);
  chmodSync(executable, 0o755);
  writeFileSync(marker, '');
  return { executable, state: 'wrapper-written' };
}
