/**
 * `npm run deploy`: builds the site, checks the Functions bundle (scripts/check-bundle.ts) and runs
 * `wrangler pages deploy dist` for the project in wrangler.jsonc (README "Deploy to Cloudflare").
 * Needs Cloudflare credentials: CLOUDFLARE_API_TOKEN (with CLOUDFLARE_ACCOUNT_ID when the token sees
 * several accounts) or a `wrangler login` on this machine. Without either it stops before building, with
 * what to do, instead of waiting on a login prompt. `-- --branch preview` etc. pass on to wrangler.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readJsonc } from './lib/jsonc.ts';
import { runOrExit } from './lib/run.ts';

/** Where `wrangler login` keeps its OAuth token (wrangler 4, Linux and macOS; XDG_CONFIG_HOME honoured). */
function wranglerLoginFile(): string {
  const config = process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config');
  return join(config, '.wrangler', 'config', 'default.toml');
}

if (!process.env['CLOUDFLARE_API_TOKEN'] && !existsSync(wranglerLoginFile())) {
  console.error(
    [
      'npm run deploy: no Cloudflare credentials.',
      '  Set CLOUDFLARE_API_TOKEN (a token with "Cloudflare Pages: Edit"; add CLOUDFLARE_ACCOUNT_ID if it',
      '  sees several accounts), or run `npx wrangler login` once on this machine.',
      '  Then follow README.md, "Deploy to Cloudflare" (Pages project, KV namespace, variables, secrets).',
    ].join('\n'),
  );
  process.exit(1);
}

const project = String(readJsonc(new URL('../wrangler.jsonc', import.meta.url).pathname)['name']);
runOrExit('npx', ['astro', 'build']);
runOrExit('node', ['scripts/check-bundle.ts']);
// Deploying needs the network: the quiet environment's offline switches stay off here on purpose.
runOrExit(
  'npx',
  ['wrangler', 'pages', 'deploy', 'dist', '--project-name', project, ...process.argv.slice(2)],
  {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    ASTRO_TELEMETRY_DISABLED: '1',
  },
);
