/**
 * Regenerates src/data/provider-ranges.json from ../shared/reference/provider-ip-ranges.cdncheck.json
 * (projectdiscovery/cdncheck, MIT), or from the file given as the first argument.
 *
 *   npm run data:ranges [-- source.json [output.json]]
 *
 * What it does, and why:
 * - maps cdncheck's provider keys to this project's display names and roles (PROVIDER_MAP below);
 *   a key that is not mapped stops the script, so a new upstream provider is a deliberate decision;
 * - merges a provider's lists across cdncheck's cdn/waf/cloud sections and collapses each provider's
 *   blocks into the fewest equivalent CIDRs (Azure alone lists 108k overlapping service-tag blocks:
 *   about 4.5k remain), which keeps the shipped JSON small and loading fast;
 * - orders entries so a more specific service comes first: where two providers publish the very same
 *   block (every CloudFront block is also in the AWS list), the first one wins in the index.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCidr, formatIp, type IpFamily } from '../../src/core/attribution/ip.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const DEFAULT_SOURCE = `${here}../../../shared/reference/provider-ip-ranges.cdncheck.json`;
const OUTPUT = `${here}../../src/data/provider-ranges.json`;

type Role = 'cdn' | 'cloud' | 'network';
interface Target {
  name: string;
  role: Role;
  service?: string;
}

/**
 * cdncheck key → display name. Keys are the same across its sections (arvancloud is in all three).
 * Order here is the entry order in the output: specific services before their parent network.
 */
const PROVIDER_MAP: Record<string, Target> = {
  cloudfront: { name: 'Amazon CloudFront', role: 'cdn', service: 'CloudFront' },
  aws: { name: 'Amazon Web Services', role: 'cloud' },
  cloudflare: { name: 'Cloudflare', role: 'cdn' },
  fastly: { name: 'Fastly', role: 'cdn' },
  // goog.json minus cloud.json: Google's own front ends (Search, Fonts, GTM, YouTube ...).
  google: { name: 'Google', role: 'cdn' },
  office365: { name: 'Microsoft 365', role: 'cloud', service: 'Microsoft 365' },
  azure: { name: 'Microsoft Azure', role: 'cloud' },
  oracle: { name: 'Oracle Cloud', role: 'cloud' },
  incapsula: { name: 'Imperva Incapsula', role: 'cdn' },
  gcore: { name: 'Gcore', role: 'cdn' },
  arvancloud: { name: 'ArvanCloud', role: 'cdn' },
  cdnetworks: { name: 'CDNetworks', role: 'cdn' },
  cafe24: { name: 'Cafe24', role: 'cloud' },
  gocache: { name: 'GoCache', role: 'cdn' },
  kinx: { name: 'KINX CDN', role: 'cdn' },
  lgtelecom: { name: 'LG U+', role: 'network' },
  qrator: { name: 'Qrator', role: 'cdn' },
  skbroadband: { name: 'SK Broadband', role: 'network' },
  云盾: { name: 'Yundun CDN', role: 'cdn' },
  加速乐: { name: 'Jiasule (Knownsec)', role: 'cdn' },
  百度云加速: { name: 'Baidu Yunjiasu', role: 'cdn' },
  腾讯云: { name: 'Tencent Cloud CDN', role: 'cdn' },
  gabia: { name: 'Gabia', role: 'cloud' },
  hostway: { name: 'Hostway', role: 'cloud' },
  ktcloud: { name: 'KT Cloud', role: 'cloud' },
  navercloud: { name: 'Naver Cloud', role: 'cloud' },
  nhncloud: { name: 'NHN Cloud', role: 'cloud' },
  zscaler: { name: 'Zscaler', role: 'network' },
};
// The cloud section's google list is cloud.json (customer workloads), not Google's own front ends.
const SECTION_OVERRIDES: Record<string, Target> = {
  'cloud/google': { name: 'Google Cloud', role: 'cloud' },
};

interface Block {
  network: bigint;
  bits: number;
}

/** Fewest CIDRs covering exactly the same addresses: drop contained blocks, then merge siblings. */
export function collapse(blocks: Block[], family: IpFamily): Block[] {
  const width = family === 4 ? 32 : 128;
  const sorted = [...blocks].sort((a, b) =>
    a.network < b.network ? -1 : a.network > b.network ? 1 : a.bits - b.bits,
  );
  const out: Block[] = [];
  const lastOf = (b: Block): bigint => b.network + (1n << BigInt(width - b.bits)) - 1n;
  for (const block of sorted) {
    const top = out[out.length - 1];
    if (top && block.network <= lastOf(top)) continue; // contained in (or equal to) the previous block
    out.push({ ...block });
    // Merge while the two last blocks are the two halves of one parent block.
    for (;;) {
      const b = out[out.length - 1] as Block;
      const a = out[out.length - 2];
      if (!a || a.bits !== b.bits || a.bits === 0) break;
      const size = 1n << BigInt(width - a.bits);
      if ((a.network & size) !== 0n || a.network + size !== b.network) break;
      out.splice(out.length - 2, 2, { network: a.network, bits: a.bits - 1 });
    }
  }
  return out;
}

function main(): void {
  const source = process.argv[2] ?? DEFAULT_SOURCE;
  if (!existsSync(source)) {
    console.error(`provider-ranges: source not found: ${source}`);
    process.exit(1);
  }
  const raw = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  const byName = new Map<string, Target & { v4: Block[]; v6: Block[] }>();
  for (const target of [...Object.values(PROVIDER_MAP), ...Object.values(SECTION_OVERRIDES)]) {
    if (!byName.has(target.name)) byName.set(target.name, { ...target, v4: [], v6: [] });
  }
  let inputBlocks = 0;
  for (const section of ['cdn', 'waf', 'cloud']) {
    const lists = raw[section] as Record<string, string[]> | undefined;
    if (!lists) throw new Error(`section ${section} missing`);
    for (const [key, cidrs] of Object.entries(lists)) {
      const target = SECTION_OVERRIDES[`${section}/${key}`] ?? PROVIDER_MAP[key];
      if (!target) throw new Error(`unmapped cdncheck provider ${section}/${key}: add it to PROVIDER_MAP`);
      const entry = byName.get(target.name) as Target & { v4: Block[]; v6: Block[] };
      for (const cidr of cidrs) {
        const parsed = parseCidr(cidr);
        if (!parsed) throw new Error(`bad CIDR ${cidr} in ${section}/${key}`);
        (parsed.family === 4 ? entry.v4 : entry.v6).push({ network: parsed.network, bits: parsed.bits });
        inputBlocks++;
      }
    }
  }
  const entries = [...byName.values()]
    .filter((e) => e.v4.length + e.v6.length > 0)
    .map((e) => ({
      name: e.name,
      role: e.role,
      ...(e.service ? { service: e.service } : {}),
      v4: collapse(e.v4, 4).map((b) => `${formatIp(b.network, 4)}/${b.bits}`),
      v6: collapse(e.v6, 6).map((b) => `${formatIp(b.network, 6)}/${b.bits}`),
    }));
  const outputBlocks = entries.reduce((n, e) => n + e.v4.length + e.v6.length, 0);
  const provenance = {
    source:
      'projectdiscovery/cdncheck sources_data.json (HEAD 6fbcc53, 2026-08-16), via ../shared/reference/provider-ip-ranges.cdncheck.json',
    licence:
      'MIT (c) ProjectDiscovery, Inc. — https://github.com/projectdiscovery/cdncheck/blob/main/LICENSE.md',
    vendorUrls: [
      'https://ip-ranges.amazonaws.com/ip-ranges.json',
      'https://d7uri8nf7uskq.cloudfront.net/tools/list-cloudfront-ips',
      'https://www.gstatic.com/ipranges/cloud.json',
      'https://www.gstatic.com/ipranges/goog.json',
      'https://api.cloudflare.com/client/v4/ips',
      'https://api.fastly.com/public-ip-list',
    ],
    note: 'No Akamai ranges upstream (cdncheck issue #153): Akamai comes from CNAME suffixes and ASNs. Blocks collapsed per provider; more specific services listed first.',
    script: 'scripts/data/provider-ranges.ts (npm run data:ranges)',
    snapshot: '2026-08-16',
    inputBlocks,
    outputBlocks,
  };
  // One entry per line keeps diffs readable; src/data/*.json is outside prettier on purpose.
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  const output = process.argv[3] ?? OUTPUT;
  writeFileSync(
    output,
    `{\n  "provenance": ${JSON.stringify(provenance)},\n  "entries": [\n${body}\n  ]\n}\n`,
  );
  console.log(
    `provider-ranges: ${inputBlocks} blocks in, ${outputBlocks} out, ${entries.length} providers → ${output}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
