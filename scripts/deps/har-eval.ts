/**
 * Runs the HAR parser over real captures and prints what it found, to compare with the capture itself.
 * Usage: node scripts/deps/har-eval.ts [folder]   (default: ../shared/fixtures/hars, never committed)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHar } from '../../src/core/har/parse-har.ts';

const folder = process.argv[2] ?? '/work/shared/fixtures/hars';
for (const file of readdirSync(folder).filter((f) => f.endsWith('.har'))) {
  const text = readFileSync(join(folder, file), 'utf8');
  const started = performance.now();
  const result = parseHar(text);
  const ms = performance.now() - started;
  if (!result.ok) {
    console.log(`${file}: ${result.code} ${result.message}`);
    continue;
  }
  const pageHost = result.hosts[0];
  const blocking = result.resources.filter((r) => r.renderBlocking).length;
  const injected = result.resources.filter((r) => r.initiatorHost && r.initiatorHost !== pageHost).length;
  const types: Record<string, number> = {};
  for (const r of result.resources) types[r.type] = (types[r.type] ?? 0) + 1;
  console.log(
    `${file}: tool=${result.tool} page=${result.page} pages=${result.pages} entries=${result.entries} ` +
      `hosts=${result.hosts.length} resources=${result.resources.length} renderBlocking=${blocking} ` +
      `(${result.browserBlocking ? 'browser' : 'heuristic'}) byThirdPartyInitiator=${injected} ` +
      `skipped=${JSON.stringify(result.skipped)} ${ms.toFixed(0)}ms types=${JSON.stringify(types)}`,
  );
}
