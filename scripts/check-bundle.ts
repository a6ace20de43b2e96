/**
 * `npm run check:bundle` (part of `npm run gate`): builds the Pages Functions bundle the way a deploy
 * does — `wrangler pages functions build` with the project's compatibility date and flags, passed on the
 * command line because that command ignores wrangler.jsonc's — and fails when it does not build or when
 * it outgrows the budget below. Prints raw and gzip bytes per file and in total. Offline, no account.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compatibility } from './lib/jsonc.ts';
import { quietEnv } from './lib/quiet-env.ts';

/**
 * Budget for everything the Functions upload carries (script, wasm, fonts). Measured December 2026:
 * 4.59 MB raw / 1.37 MB gzip (script 2.01 MB, resvg's wasm 2.48 MB, fonts 0.10 MB). Headroom of about
 * 1.7 MB raw / 0.6 MB gzip is left for the dependencies other work adds (@cloudflare/puppeteer for the
 * rendered scan); past that, someone must decide. Cloudflare's limit is far above (Workers size limits:
 * 64 MiB uncompressed since September 2026; the historical 3 MB-compressed Free limit also holds), but
 * every byte is compiled when an isolate starts, on every route.
 */
export const BUNDLE_BUDGET = { rawBytes: 6_300_000, gzipBytes: 2_000_000 } as const;

const { date, flags } = compatibility();
const out = mkdtempSync(join(tmpdir(), 'functions-bundle-'));
try {
  const build = spawnSync(
    'npx',
    [
      'wrangler',
      'pages',
      'functions',
      'build',
      '--outdir',
      out,
      '--compatibility-date',
      date,
      ...(flags.length > 0 ? ['--compatibility-flags', ...flags] : []),
    ],
    { encoding: 'utf8', env: quietEnv },
  );
  if (build.status !== 0) {
    console.error(`wrangler pages functions build failed:\n${build.stdout}\n${build.stderr}`);
    process.exit(1);
  }
  const files = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const rows = files.map((file) => ({
    file: file.slice(out.length + 1).replace(/^[0-9a-f]{40}-/, ''),
    raw: statSync(file).size,
    gzip: gzipSync(readFileSync(file), { level: 9 }).length,
  }));
  const total = { raw: rows.reduce((s, r) => s + r.raw, 0), gzip: rows.reduce((s, r) => s + r.gzip, 0) };
  console.log(`Functions bundle (compatibility ${date}, flags ${flags.join(',') || 'none'}):`);
  for (const r of rows.sort((a, b) => b.raw - a.raw)) {
    console.log(
      `  ${r.file.padEnd(32)} ${String(r.raw).padStart(10)} B raw ${String(r.gzip).padStart(10)} B gzip`,
    );
  }
  console.log(
    `  ${'total'.padEnd(32)} ${String(total.raw).padStart(10)} B raw ${String(total.gzip).padStart(10)} B gzip`,
  );
  console.log(`  budget ${BUNDLE_BUDGET.rawBytes} B raw, ${BUNDLE_BUDGET.gzipBytes} B gzip`);
  const over = [
    total.raw > BUNDLE_BUDGET.rawBytes ? `raw ${total.raw} B > ${BUNDLE_BUDGET.rawBytes} B` : '',
    total.gzip > BUNDLE_BUDGET.gzipBytes ? `gzip ${total.gzip} B > ${BUNDLE_BUDGET.gzipBytes} B` : '',
  ].filter(Boolean);
  if (over.length > 0) {
    console.error(`Functions bundle over budget: ${over.join('; ')} (scripts/check-bundle.ts).`);
    process.exit(1);
  }
  console.log('Functions bundle within budget.');
} finally {
  rmSync(out, { recursive: true, force: true });
}
