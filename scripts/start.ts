/**
 * `npm start`: build the static site, then serve it with its Pages Functions in workerd
 * (`wrangler pages dev`) on http://127.0.0.1:8788 with local KV and a local browser for rendered scans.
 * Works offline, needs no account.
 * PORT overrides the port.
 */
import { spawn } from 'node:child_process';
import { ensureLocalChrome } from './lib/local-chrome.ts';
import { quietEnv } from './lib/quiet-env.ts';
import { runOrExit } from './lib/run.ts';

const port = process.env.PORT ?? '8788';
runOrExit('npx', ['astro', 'build']);
// The BROWSER binding's Chrome: wrangler downloads it, or offline Debian's Chromium stands in.
await ensureLocalChrome();
const child = spawn(
  'npx',
  ['wrangler', 'pages', 'dev', 'dist', '--port', port, '--ip', '127.0.0.1', '--log-level', 'warn'],
  { stdio: 'inherit', env: quietEnv },
);
console.log(
  `\n  TTI calculator:      http://127.0.0.1:${port}/tti/\n  Dependency mapper:   http://127.0.0.1:${port}/deps/\n`,
);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
