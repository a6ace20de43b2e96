/**
 * Evaluates the attribution engine on real HAR captures (never committed): by default every *.har in
 * ../shared/fixtures/hars, or the files given as arguments.
 *
 *   npm run eval:har [-- file.har ...]
 *
 * 1. Agreement with WebPageTest: HARs exported by WebPageTest carry `_cdn_provider` per request (WPT's
 *    own CNAME + header detection at test time). Per distinct host, the WPT label (most frequent,
 *    "" = none) is compared with our CDN attribution from (a) the hostname alone, (b) hostname +
 *    response headers, (c) hostname + headers + the request's IP in the range table. No CNAME chains
 *    are in a HAR, so WPT had one signal we lack here.
 * 2. Coverage on every HAR: share of hosts with any CDN/cloud attribution, and how many are first party.
 * Prints Markdown for docs/attribution.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributeHost, type HostObservation } from '../../src/core/attribution/attribute-host.ts';
import { buildRangeIndex, type RangeTable } from '../../src/core/attribution/range-index.ts';

/** Disagreements listed per row; the rest are counted. */
const MAX_LISTED = 14;

const root = fileURLToPath(new URL('../../', import.meta.url));
const HAR_DIR = join(root, '../shared/fixtures/hars');

interface HarEntry {
  request: { url: string };
  response: { headers?: Array<{ name: string; value: string }> };
  serverIPAddress?: string;
  _ip_addr?: string;
  _cdn_provider?: string | null;
}
interface Har {
  log: { pages?: Array<{ title?: string }>; entries: HarEntry[] };
}

/** Our names for WPT's labels where they differ (both lists were merged under one name each). */
const WPT_ALIASES: Record<string, string> = {
  Incapsula: 'Imperva Incapsula',
  'Microsoft Azure': 'Azure CDN',
};

const ranges = buildRangeIndex(
  JSON.parse(readFileSync(join(root, 'src/data/provider-ranges.json'), 'utf8')) as RangeTable,
);

interface HostSample {
  host: string;
  ip: string | null;
  headers: Record<string, string>;
  wpt: string | null;
}

function hostsOf(har: Har): { page: string | null; hosts: HostSample[] } {
  const byHost = new Map<
    string,
    { ip: string | null; headers: Record<string, string>; labels: Map<string, number> }
  >();
  let page: string | null = null;
  for (const e of har.log.entries) {
    let url: URL;
    try {
      url = new URL(e.request.url);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    page ??= url.href;
    const s = byHost.get(url.hostname) ?? { ip: null, headers: {}, labels: new Map<string, number>() };
    const ip = (e._ip_addr ?? e.serverIPAddress ?? '').replace(/^\[|\]$/g, '');
    if (!s.ip && ip) s.ip = ip;
    if (Object.keys(s.headers).length === 0) {
      for (const h of e.response.headers ?? []) s.headers[h.name] = h.value;
    }
    if (typeof e._cdn_provider === 'string')
      s.labels.set(e._cdn_provider, (s.labels.get(e._cdn_provider) ?? 0) + 1);
    byHost.set(url.hostname, s);
  }
  const hosts = [...byHost].map(([host, s]) => {
    const top = [...s.labels].sort((a, b) => b[1] - a[1])[0];
    return { host, ip: s.ip, headers: s.headers, wpt: top ? top[0] : null };
  });
  return { page, hosts };
}

function cdnOf(sample: HostSample, use: { headers: boolean; ip: boolean }, page: string | null): string {
  const obs: HostObservation = {
    host: sample.host,
    cnames: [],
    addresses: use.ip && sample.ip ? [sample.ip] : [],
    nameServers: [],
    asn: null,
    ...(use.headers ? { headers: sample.headers } : {}),
  };
  const cdn = attributeHost(obs, page, ranges).providers.find((p) => p.role === 'cdn');
  return cdn?.name ?? '';
}

function main(): void {
  const files = process.argv.slice(2);
  const paths =
    files.length > 0
      ? files
      : existsSync(HAR_DIR)
        ? readdirSync(HAR_DIR)
            .filter((f) => f.endsWith('.har'))
            .map((f) => join(HAR_DIR, f))
        : [];
  if (paths.length === 0) {
    console.error('har-eval: no HAR files (../shared/fixtures/hars absent and none given)');
    process.exit(1);
  }
  const coverage: string[] = [];
  for (const path of paths.sort()) {
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    const { page, hosts } = hostsOf(har);
    const labelled = hosts.filter((h) => h.wpt !== null);
    if (labelled.length > 0) {
      console.log(
        `\n### ${basename(path)}: agreement with WebPageTest \`_cdn_provider\` (${labelled.length} hosts)\n`,
      );
      console.log('| signals used | agree | agreement | disagreements (host: WPT → ours) |');
      console.log('|---|---|---|---|');
      for (const [label, use] of [
        ['hostname', { headers: false, ip: false }],
        ['hostname + headers', { headers: true, ip: false }],
        ['hostname + headers + IP range', { headers: true, ip: true }],
      ] as const) {
        const misses: string[] = [];
        let agree = 0;
        for (const h of labelled) {
          const ours = cdnOf(h, use, page);
          const wpt = WPT_ALIASES[h.wpt as string] ?? (h.wpt as string);
          if (ours === wpt) agree++;
          else misses.push(`${h.host}: ${wpt || '∅'} → ${ours || '∅'}`);
        }
        const pct = ((100 * agree) / labelled.length).toFixed(0);
        console.log(
          `| ${label} | ${agree}/${labelled.length} | ${pct}% | ${misses.slice(0, MAX_LISTED).join('; ')}${misses.length > MAX_LISTED ? ` (+${misses.length - MAX_LISTED})` : ''} |`,
        );
      }
    }
    let withProvider = 0;
    let firstParty = 0;
    let unrecognised = 0;
    for (const h of hosts) {
      const r = attributeHost(
        {
          host: h.host,
          cnames: [],
          addresses: h.ip ? [h.ip] : [],
          nameServers: [],
          asn: null,
          headers: h.headers,
        },
        page,
        ranges,
      );
      if (r.providers.some((p) => p.role === 'cdn' || p.role === 'cloud')) withProvider++;
      if (r.firstParty) firstParty++;
      if (r.entity.unrecognised) unrecognised++;
    }
    const withIp = hosts.filter((h) => h.ip).length;
    coverage.push(
      `| ${basename(path)} | ${hosts.length} | ${withIp} | ${withProvider} (${((100 * withProvider) / hosts.length).toFixed(0)}%) | ${firstParty} | ${unrecognised} |`,
    );
  }
  console.log('\n### Coverage (hostname + headers + IP where the HAR has it)\n');
  console.log('| HAR | hosts | with IP | CDN/cloud attributed | first party | unrecognised entity |');
  console.log('|---|---|---|---|---|---|');
  for (const row of coverage) console.log(row);
}

main();
