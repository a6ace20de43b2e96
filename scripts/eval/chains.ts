/**
 * Runs the HAR parser and the chains over real captures and prints Markdown tables for docs/mapper.md.
 *
 *   npm run eval:chains [-- folder]   (default: ../shared/fixtures/hars beside the repository, never committed)
 *
 * First party is decided as /api/resolve decides it (src/core/attribution/first-party.ts: same registrable
 * domain or same third-party-web entity as the page); no DNS is needed, so every host is given as
 * unresolved. Parse times are wall-clock on this machine: a figure to watch, not a test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFirstParty } from '../../src/core/attribution/first-party.ts';
import { parseHar } from '../../src/core/har/parse-har.ts';
import { hostChains } from '../../src/core/map/chains.ts';
import { reportBaseFromHar } from '../../src/core/map/from-har.ts';
import { unresolvedHost } from '../../src/core/map/hosts.ts';
import { lostThroughLoaders } from '../../src/core/map/indirect.ts';
import { loaderHost } from '../../src/core/map/initiator.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const folder = process.argv[2] ?? join(root, '../shared/fixtures/hars');
if (!existsSync(folder)) {
  console.error(`har-eval: ${folder} does not exist (the real captures are never committed); pass a folder.`);
  process.exit(1);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const pct = (n: number, of: number) => (of === 0 ? '—' : `${Math.round((100 * n) / of)} %`);
const parserRows: string[] = [];
const chainRows: string[] = [];
const totals = { third: 0, known: 0, site: 0, byThird: 0 };

for (const file of readdirSync(folder)
  .filter((f) => f.endsWith('.har'))
  .sort()) {
  const text = readFileSync(join(folder, file), 'utf8');
  const started = performance.now();
  const result = parseHar(text);
  const ms = performance.now() - started;
  if (!result.ok) {
    console.log(`${file}: ${result.code} ${result.message}`);
    continue;
  }
  const report: DependencyReport = {
    ...reportBaseFromHar(result, new Date().toISOString()),
    hosts: result.hosts.map((h) =>
      unresolvedHost(h, 'not_resolved', 'Not resolved in this evaluation.', isFirstParty(h, result.page)),
    ),
  };
  const blocking = result.resources.filter((r) => r.renderBlocking).length;
  const pageHost = result.hosts[0];
  const thirdInitiated = result.resources.filter((r) => {
    const by = loaderHost(r);
    return by !== undefined && by !== pageHost;
  }).length;
  parserRows.push(
    `| ${file} | ${result.tool ?? '—'} | ${result.pages} | ${result.entries} | ${result.hosts.length} | ${result.resources.length} | ${blocking} (${result.browserBlocking ? 'browser' : 'heuristic'}) | ${thirdInitiated} | ${ms.toFixed(0)} ms |`,
  );

  const chains = hostChains(report);
  const known = chains.filter((c) => c.by === 'site' || c.by === 'third-party');
  const byThird = chains.filter((c) => c.by === 'third-party');
  const toSite = chains.filter((c) => c.start === 'site');
  const longest = Math.max(0, ...toSite.map((c) => c.path.length));
  const loops = chains.filter((c) => c.start === 'loop').length;
  // The third-party host whose outage alone takes most other hosts with it (what a tag manager carries).
  let top = { host: '—', hosts: 0, resources: 0 };
  for (const c of chains) {
    const lost = lostThroughLoaders(report.resources, new Set([c.host]));
    if (lost.hosts.length > top.hosts) {
      top = { host: c.host, hosts: lost.hosts.length, resources: lost.resources.length };
    }
  }
  totals.third += chains.length;
  totals.known += known.length;
  totals.site += toSite.length;
  totals.byThird += byThird.length;
  chainRows.push(
    `| ${file} | ${chains.length} | ${known.length} (${pct(known.length, chains.length)}) | ${byThird.length} | ${toSite.length} | ${longest} | ${loops} | ${top.host} → ${plural(top.hosts, 'host')}, ${plural(top.resources, 'resource')} |`,
  );
}

console.log(
  '\n| capture | exporter | pages | entries (1st page) | hosts | resources | render-blocking | by a third-party initiator | parse |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of parserRows) console.log(row);
console.log(
  '\n| capture | third-party hosts | loader known | brought by a third party | chain back to the site | longest chain (hosts before it) | loops | outage that takes most hosts with it |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of chainRows) console.log(row);
console.log(
  `| all | ${totals.third} | ${totals.known} (${pct(totals.known, totals.third)}) | ${totals.byThird} | ${totals.site} | | | |`,
);
