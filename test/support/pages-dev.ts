import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { quietEnv } from '../../scripts/lib/quiet-env.ts';

const wranglerBin = new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url).pathname;

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export interface PagesDev {
  baseUrl: string;
  /** Everything wrangler and workerd printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** How to run one `wrangler pages dev` on loopback. */
export interface PagesDevLaunch {
  /** The folder served. */
  site: string;
  /** Bindings by name; an empty value is left out. */
  bindings: Record<string, string>;
  /** Local KV and cache state, of its own so runs do not share it. */
  persistTo: string;
  /** A fixed port (the demo's); otherwise a free one. */
  port?: number;
  /** wrangler's working folder; default this process's. */
  cwd?: string;
  /** More flags, e.g. compatibility settings for a site served outside the project. */
  flags?: string[];
  logLevel?: 'error' | 'warn';
  /** More environment for wrangler and the browser it starts (e.g. browserProxyEnv). */
  env?: Record<string, string>;
}

/** How long wrangler and workerd get to answer the first request (first 200 takes 2-3 s, STACK.md). */
const READY_TIMEOUT_MS = 45_000;

/**
 * Starts `wrangler pages dev` (workerd) in its own process group and resolves once it answers `/`. On
 * failure it is stopped and the error carries its output.
 */
export async function launchPagesDev(launch: PagesDevLaunch): Promise<PagesDev> {
  const port = launch.port ?? (await freePort());
  const args = [
    'pages',
    'dev',
    launch.site,
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    ...(launch.flags ?? []),
  ];
  args.push('--persist-to', launch.persistTo, '--log-level', launch.logLevel ?? 'error');
  args.push('--inspector-port', String(await freePort()));
  for (const [name, value] of Object.entries(launch.bindings))
    if (value) args.push('--binding', `${name}=${value}`);
  // Own process group, so stop() ends wrangler and the workerd it starts, not just the launcher.
  const child: ChildProcess = spawn(process.execPath, [wranglerBin, ...args], {
    cwd: launch.cwd,
    env: { ...quietEnv, ...launch.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler pages dev exited:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`wrangler pages dev did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        killGroup(child, 'SIGTERM');
        setTimeout(() => killGroup(child, 'SIGKILL'), 3000).unref();
      }),
  };
}

/** Serves the built site (SITE_DIST, default dist/) and functions/ of this project, with the given bindings. */
export async function startPagesDev(
  bindings: Record<string, string>,
  persistTo: string,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<PagesDev> {
  return launchPagesDev({
    site: process.env.SITE_DIST ?? 'dist',
    bindings,
    persistTo,
    port: options.port,
    env: options.env,
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
