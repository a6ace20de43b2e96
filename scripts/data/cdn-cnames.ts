/**
 * Regenerates src/data/cdn-cnames.json from ../shared/reference/cdn-cname-lists.json (or the file given
 * as the first argument): one suffix table for recognising a CDN (or cloud) from a hostname or any CNAME
 * in its chain, plus WebPageTest's response-header rules.
 *
 *   npm run data:cnames [-- source.json [output.json]]
 *
 * Sources and licences (kept in the output's provenance):
 * - WebPageTest agent, branch 'apache' (WPO-Foundation/wptagent internal/optimization_checks.py,
 *   commit 0b60497, 2020-10-22), Apache-2.0: substring rules → converted to label-boundary suffixes.
 * - projectdiscovery/cdncheck common.fqdn (HEAD 6fbcc53, 2026-08-16), MIT: suffixes as they are.
 *
 * Curation, all deliberate and tested (test/unit/data/cdn-cnames.test.ts):
 * - LOOSE_RULES: WebPageTest substrings without a proper suffix (".google.", "youtube.", "-msedge.net")
 *   are replaced by exact suffixes or by a brand label matched against the ICANN registrable domain
 *   (google.se, google.co.uk, but not google.blogspot.com).
 * - DROPPED_RULES: suffixes that name a customer rather than a provider.
 * - NAME_MAP: both lists' names → one display name per provider (e.g. "Incapsula" and "incapsula" →
 *   "Imperva Incapsula"; Chinese names translated, the original kept in the comment).
 * - CONFLICTS: a suffix both lists give to different providers must be settled here, or the script stops.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const DEFAULT_SOURCE = `${here}../../../shared/reference/cdn-cname-lists.json`;
const OUTPUT = `${here}../../src/data/cdn-cnames.json`;

type Role = 'cdn' | 'cloud';
type Rule = [provider: string, role: Role];

/** Upstream name → display name. Names not listed pass through unchanged. */
const NAME_MAP: Record<string, string> = {
  // WebPageTest
  Incapsula: 'Imperva Incapsula',
  ChinaNetCenter: 'Wangsu (ChinaNetCenter)',
  Alibaba: 'Alibaba Cloud CDN',
  'Microsoft Azure': 'Azure CDN',
  Yunjiasu: 'Baidu Yunjiasu',
  // cdncheck
  akamai: 'Akamai',
  cloudflare: 'Cloudflare',
  edgecast: 'Edgecast',
  fastly: 'Fastly',
  incapsula: 'Imperva Incapsula',
  arvancloud: 'ArvanCloud',
  qrator: 'Qrator',
  '360 云 CDN (由奇安信运营)': '360 Cloud CDN (Qi An Xin)',
  '360 云 CDN (由奇虎 360 运营)': '360 Cloud CDN (Qihoo 360)',
  '360 云加速 CDN': '360 Cloud Acceleration CDN',
  七牛云: 'Qiniu Cloud',
  '云盾 CDN': 'Yundun CDN',
  '京东云 CDN': 'JD Cloud CDN',
  '加速乐 CDN': 'Jiasule (Knownsec)',
  '华为云 CDN': 'Huawei Cloud CDN',
  '华为云 WAF': 'Huawei Cloud WAF',
  '又拍云 CDN': 'UPYUN CDN',
  // 网神 (Legendsec) is Qi An Xin's; both lists' names for 360wzws.com/qaxwzws.com are one service.
  奇安信网站卫士: 'Qi An Xin Website Guard',
  '网神 CDN': 'Qi An Xin Website Guard',
  安恒玄武盾: 'DBAPPSecurity Xuanwu Shield',
  '帝联 CDN': 'Dnion CDN',
  '广东网堤 CDN': 'Guangdong Wangdi CDN',
  深信服云盾: 'Sangfor Cloud Shield',
  '白山云科技 CDN': 'Baishan Cloud CDN',
  '绿盟云 WAF': 'NSFOCUS Cloud WAF',
  '网宿 CDN': 'Wangsu (ChinaNetCenter)',
  '美橙 CDN': 'Meicheng CDN',
  '腾正安全加速 (原 15CDN)': 'Tengzheng Secure Acceleration (15CDN)',
  '腾讯云 CDN': 'Tencent Cloud CDN',
  '蓝盾云 CDN': 'Landun Cloud CDN',
  '阿里云 CDN': 'Alibaba Cloud CDN',
};

/** cdncheck's "amazon" covers two products. */
const AMAZON_SUFFIXES: Record<string, Rule> = {
  'cloudfront.net': ['Amazon CloudFront', 'cdn'],
  'amazonaws.com': ['Amazon Web Services', 'cloud'],
};

/** WebPageTest substring rules with no proper suffix → exact suffixes or brand labels. */
const LOOSE_RULES: Record<string, { suffixes?: string[]; brandLabel?: string }> = {
  '.google.': { suffixes: ['google.com'], brandLabel: 'google' },
  'googlesyndication.': { suffixes: ['googlesyndication.com'] },
  'youtube.': { suffixes: ['youtube.com', 'youtube-nocookie.com'], brandLabel: 'youtube' },
  '.yimg.': { suffixes: ['yimg.com', 'yimg.jp'] },
  // Microsoft's edge names seen as CNAME targets: a-msedge.net, l-msedge.net, spo-msedge.net ...
  '-msedge.net': {
    suffixes: [
      'a-msedge.net',
      'b-msedge.net',
      'c-msedge.net',
      'l-msedge.net',
      's-msedge.net',
      't-msedge.net',
      'dc-msedge.net',
      'ax-msedge.net',
      'spo-msedge.net',
    ],
  },
};

/** Rules that name a customer domain rather than a provider's infrastructure. */
const DROPPED_RULES: Record<string, string> = {
  '.nocookie.net': "Fandom's cookieless asset domain (a Fastly customer), not Fastly's own name",
  '.azure.microsoft.com': "Azure's marketing site, not a CDN hostname",
  'bo.lt': 'a two-letter registrable domain rule that matched any *bo.lt substring; BO.LT is defunct',
};

/** Suffixes the two lists give to different providers, settled by hand. */
const CONFLICTS: Record<string, { winner: string; why: string }> = {
  'edgesuite.net': {
    winner: 'Akamai',
    why: "Akamai's EdgeSuite delivery domain (a248.e.akamai.net era); cdncheck's edgecast entry is a copy error — Edgecast's own is edgecastcdn.net",
  },
};

/** Header rule names that are not providers. */
const DROPPED_HEADER_PROVIDERS = new Set(['CDN']);

interface Source {
  webpagetest_apache_branch: {
    source: string;
    licence: string;
    cdn_cnames: Record<string, string[]>;
    cdn_headers: Record<string, Array<Record<string, string>>>;
  };
  cdncheck_common_fqdn: { source: string; licence: string; suffixes: Record<string, string[]> };
}

function main(): void {
  const sourcePath = process.argv[2] ?? DEFAULT_SOURCE;
  if (!existsSync(sourcePath)) {
    console.error(`cdn-cnames: source not found: ${sourcePath}`);
    process.exit(1);
  }
  const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Source;
  const wpt = source.webpagetest_apache_branch;
  const cdncheck = source.cdncheck_common_fqdn;

  const suffixes = new Map<string, { rule: Rule; from: string }>();
  const brandLabels = new Map<string, Rule>();
  const put = (suffix: string, rule: Rule, from: string): void => {
    const key = suffix.toLowerCase().replace(/^\.+/, '');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(key)) throw new Error(`not a DNS suffix: "${suffix}" (${from})`);
    const existing = suffixes.get(key);
    if (existing && existing.rule[0] !== rule[0]) {
      const settled = CONFLICTS[key];
      if (!settled)
        throw new Error(`conflict on ${key}: ${existing.rule[0]} (${existing.from}) vs ${rule[0]} (${from})`);
      if (existing.rule[0] === settled.winner) return;
      if (rule[0] !== settled.winner)
        throw new Error(`conflict winner ${settled.winner} not among candidates for ${key}`);
    }
    suffixes.set(key, { rule, from });
  };

  for (const [upstreamName, rules] of Object.entries(wpt.cdn_cnames)) {
    const name = NAME_MAP[upstreamName] ?? upstreamName;
    for (const raw of rules) {
      if (DROPPED_RULES[raw]) continue;
      const loose = LOOSE_RULES[raw];
      if (loose) {
        for (const s of loose.suffixes ?? []) put(s, [name, 'cdn'], 'webpagetest (curated)');
        if (loose.brandLabel) brandLabels.set(loose.brandLabel, [name, 'cdn']);
        continue;
      }
      if (raw.endsWith('.') || (!raw.startsWith('.') && !raw.includes('.'))) {
        throw new Error(`loose WebPageTest rule "${raw}" (${upstreamName}) needs a LOOSE_RULES entry`);
      }
      put(raw, [name, 'cdn'], 'webpagetest');
    }
  }
  for (const [upstreamName, rules] of Object.entries(cdncheck.suffixes)) {
    for (const raw of rules) {
      if (upstreamName === 'amazon') {
        const rule = AMAZON_SUFFIXES[raw];
        if (!rule) throw new Error(`unmapped amazon suffix ${raw}`);
        put(raw, rule, 'cdncheck');
        continue;
      }
      put(raw, [NAME_MAP[upstreamName] ?? upstreamName, 'cdn'], 'cdncheck');
    }
  }

  // Drop suffixes already covered by a shorter suffix of the same provider (e.g. w.cdngslb.com).
  for (const [key, value] of [...suffixes]) {
    for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
      const parent = suffixes.get(key.slice(dot + 1));
      if (parent && parent.rule[0] === value.rule[0]) {
        suffixes.delete(key);
        break;
      }
    }
  }

  const headers: Array<{ provider: string; all: Array<[string, string]> }> = [];
  for (const [upstreamName, alternatives] of Object.entries(wpt.cdn_headers)) {
    if (DROPPED_HEADER_PROVIDERS.has(upstreamName)) continue;
    const provider = NAME_MAP[upstreamName] ?? upstreamName;
    for (const alt of alternatives) {
      headers.push({ provider, all: Object.entries(alt).map(([h, v]) => [h.toLowerCase(), v]) });
    }
  }

  const sortedSuffixes = Object.fromEntries(
    [...suffixes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.rule]),
  );
  const out = {
    provenance: {
      sources: [
        {
          name: 'WebPageTest agent (apache branch)',
          source: wpt.source,
          licence: wpt.licence,
          url: 'https://github.com/WPO-Foundation/wptagent/blob/apache/internal/optimization_checks.py',
        },
        {
          name: 'projectdiscovery/cdncheck common.fqdn',
          source: cdncheck.source,
          licence: cdncheck.licence,
          url: 'https://github.com/projectdiscovery/cdncheck',
        },
      ],
      licenceNote:
        'Derived data: suffixes and header rules from WebPageTest (Apache-2.0, (c) WPO Foundation) and cdncheck (MIT, (c) ProjectDiscovery, Inc.); curation by this project.',
      script: 'scripts/data/cdn-cnames.ts (npm run data:cnames)',
      snapshot: '2026-08-16',
      curated: { looseRules: Object.keys(LOOSE_RULES), dropped: DROPPED_RULES, conflicts: CONFLICTS },
      match:
        'suffixes: label-boundary suffix of the hostname or a CNAME, longest wins. brandLabels: the ICANN registrable domain minus its public suffix. headers: every [name, value] must match (value "" = present; Server matches as a prefix, others as a substring; case-insensitive).',
    },
    suffixes: sortedSuffixes,
    brandLabels: Object.fromEntries(brandLabels),
    headers,
  };
  const lines = Object.entries(sortedSuffixes).map(
    ([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  const text = `{\n  "provenance": ${JSON.stringify(out.provenance, null, 2).replace(/\n/g, '\n  ')},\n  "suffixes": {\n${lines.join(',\n')}\n  },\n  "brandLabels": ${JSON.stringify(out.brandLabels)},\n  "headers": [\n${headers.map((h) => `    ${JSON.stringify(h)}`).join(',\n')}\n  ]\n}\n`;
  const output = process.argv[3] ?? OUTPUT;
  writeFileSync(output, text);
  console.log(
    `cdn-cnames: ${lines.length} suffixes, ${brandLabels.size} brand labels, ${headers.length} header rules → ${output}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
