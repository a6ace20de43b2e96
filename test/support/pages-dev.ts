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
  stop(): Promise<void>;
}

/**
 * Serves dist/ and functions/ with `wrangler pages dev` (workerd) on loopback, with the given bindings,
 * and resolves once it answers. Uses its own persistence folder so runs do not share KV.
 */
export async function startPagesDev(
  bindings: Record<string, string>,
  persistTo: string,
  options: { port?: number } = {},
): Promise<PagesDev> {
  // A fixed port for the demo (scripts/start-demo.ts); tests take a free one.
  const port = options.port ?? (await freePort());
  const args = [
    'wrangler',
    'pages',
    'dev',
    process.env.SITE_DIST ?? 'dist',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
  ];
  args.push('--persist-to', persistTo, '--log-level', 'error', '--inspector-port', String(await freePort()));
  for (const [name, value] of Object.entries(bindings)) if (value) args.push('--binding', `${name}=${value}`);
  // Own process group, so stop() ends wrangler and the workerd it starts, not just the launcher.
  const child: ChildProcess = spawn(process.execPath, [wranglerBin, ...args.slice(1)], {
    env: quietEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
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
      throw new Error(`wrangler pages dev did not answer within 45 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        killGroup(child, 'SIGTERM');
        setTimeout(() => killGroup(child, 'SIGKILL'), 3000).unref();
      }),
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
