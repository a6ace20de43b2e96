/**
 * Headless Chromium with a DevTools port, for Lighthouse runs (`npm run bench:web`,
 * `npm run data:psi-fixtures`). Offline flags as in test/support/browser.ts unless `args` replaces the
 * host-resolver rule; its own throwaway profile; its own process group, so stop() ends every child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../test/support/browser.ts';
import { freePort } from '../../test/support/pages-dev.ts';

/** How long to wait for Chromium's DevTools endpoint, ms. */
const CHROMIUM_START_TIMEOUT_MS = 15_000;

export interface DebugChromium {
  port: number;
  stop(): void;
}

export interface DebugChromiumOptions {
  /** The binary (CHROME_PATH, default /usr/bin/chromium). */
  path: string;
  /** Flags replacing CHROMIUM_ARGS entries of the same name (e.g. another --host-resolver-rules). */
  args?: string[];
}

/** CHROMIUM_ARGS with each flag in `overrides` replacing the default of the same name. */
export function chromiumArgs(overrides: readonly string[] = []): string[] {
  const name = (flag: string) => flag.split('=')[0];
  const replaced = new Set(overrides.map(name));
  return [...CHROMIUM_ARGS.filter((flag) => !replaced.has(name(flag))), ...overrides];
}

export async function startDebugChromium(options: DebugChromiumOptions): Promise<DebugChromium> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'lighthouse-chromium-'));
  const child: ChildProcess = spawn(
    options.path,
    [
      '--headless=new',
      ...chromiumArgs(options.args),
      `--remote-debugging-port=${port}`,
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(profile, { recursive: true, force: true });
  };
  const deadline = Date.now() + CHROMIUM_START_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return { port, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`Chromium (${options.path}) did not open its DevTools port`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
