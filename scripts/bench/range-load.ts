/**
 * How long it takes to get a usable provider range index: bundled JSON vs the KV "one big value".
 *
 *   node scripts/bench/range-load.ts [samples]
 *
 * 1. Node (same V8 as workerd): JSON.parse of the shipped file and buildRangeIndex, cold (a fresh
 *    process per sample) and warm (median of repeated builds in one process).
 * 2. workerd (vitest workers pool, local KV): test/functions/range-index-source.test.ts times
 *    loadRangeIndex with the memo reset: bundled copy (build only; the import is evaluated at isolate
 *    start) vs KV (get of the ~250 KB value + JSON parse + build), and the bare KV get.
 *    Needs a built site for the pool's ASSETS binding: SITE_DIST=/tmp/x-dist (see COMMON notes).
 * Prints a Markdown table for docs/attribution.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TABLE_PATH = `${root}src/data/provider-ranges.json`;
/** Default number of cold samples per variant; the machines here are shared, so take the median. */
const DEFAULT_SAMPLES = 7;
const samples = Number(process.argv[2] ?? DEFAULT_SAMPLES);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const fmt = (n: number): string => n.toFixed(1);

function nodeCold(): { parse: number; build: number } {
  const code = `
    import { readFileSync } from 'node:fs';
    import { buildRangeIndex } from '${root}src/core/attribution/range-index.ts';
    const text = readFileSync('${TABLE_PATH}', 'utf8');
    let t = performance.now(); const table = JSON.parse(text); const parse = performance.now() - t;
    t = performance.now(); buildRangeIndex(table); const build = performance.now() - t;
    console.log(JSON.stringify({ parse, build }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  return JSON.parse(out) as { parse: number; build: number };
}

async function nodeWarm(): Promise<number> {
  const { buildRangeIndex } = await import('../../src/core/attribution/range-index.ts');
  const table = JSON.parse(readFileSync(TABLE_PATH, 'utf8'));
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    buildRangeIndex(table);
    times.push(performance.now() - t);
  }
  return median(times.slice(5));
}

/**
 * The workerd half runs in the vitest workers pool (Miniflare 5's constructor API is in flux in the beta
 * pinned here, and the pool already gives a real workerd with local KV): the test prints one line.
 */
function workerdFigures(): string {
  const out = execFileSync(
    'npx',
    ['vitest', 'run', '--project', 'functions', 'test/functions/range-index-source.test.ts'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return (
    out.split('\n').find((line) => line.includes('[range-load workerd]')) ?? 'workerd figures not printed'
  );
}

async function main(): Promise<void> {
  const table = readFileSync(TABLE_PATH, 'utf8');
  const cold = Array.from({ length: samples }, nodeCold);
  const warm = await nodeWarm();
  const workerd = workerdFigures();

  console.log(
    `range table: ${(table.length / 1024).toFixed(0)} KiB, ${samples} cold samples each, medians (min–max)\n`,
  );
  console.log('| where | step | median ms | min–max ms |');
  console.log('|---|---|---|---|');
  const row = (where: string, step: string, xs: number[]): void =>
    console.log(
      `| ${where} | ${step} | ${fmt(median(xs))} | ${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))} |`,
    );
  row(
    'Node 24 (cold process)',
    'JSON.parse of the file',
    cold.map((c) => c.parse),
  );
  row(
    'Node 24 (cold process)',
    'buildRangeIndex',
    cold.map((c) => c.build),
  );
  console.log(`| Node 24 (warm) | buildRangeIndex | ${fmt(warm)} | – |`);
  console.log(`\n${workerd.trim()}`);
}

await main();
