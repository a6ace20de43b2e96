import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Static imports (`import … from '…'`, `export … from '…'`), and with `dynamic` also `import('…')`. */
const STATIC = /(?:from|^import)\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const ANY = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every module a browser entry reaches through relative imports: static and dynamic, or static only. */
function reachable(entry: string, dynamic = true): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(dynamic ? ANY : STATIC)) {
      const target = resolve(dirname(file), match[1]!);
      if (target.endsWith('.ts')) visit(target);
    }
  };
  visit(resolve(root, entry));
  return new Set([...seen].map((f) => f.slice(root.length + 1)));
}

/**
 * The resolver states operators and companies with the full tables; the page must not load them. These
 * modules pull tldts (the Public Suffix List), the CDN suffix list or third-party-web: 181 KB gzip once
 * measured in the /deps/ entry script, against about 20 KB without them.
 */
const SERVER_ONLY = [
  'src/core/attribution/registrable.ts',
  'src/core/attribution/entity.ts',
  'src/core/attribution/operator.ts',
  'src/core/attribution/cdn.ts',
  'src/core/attribution/attribute-host.ts',
  'src/core/attribution/range-index.ts',
  // The claimable-service table: the resolver states dangling_cname on the host, the page never judges it.
  'src/core/risk/dangling-cname.ts',
  'src/core/risk/host-risks.ts',
  'src/core/resolve/zone-soa.ts',
];

describe('the mapper page stays light', () => {
  it.each(['src/browser/deps/main.ts'])('%s reaches no server-only table', (entry) => {
    const modules = reachable(entry);
    expect(modules.size).toBeGreaterThan(5);
    for (const heavy of SERVER_ONLY) expect(modules.has(heavy), heavy).toBe(false);
  });
});

/**
 * What the page needs only later is loaded when needed: the HAR reader on a file pick, the chains view
 * with the first map, d3 and the graph's arrows once there is a graph. The first script stays without
 * them (docs/mapper.md "Figures" has the sizes).
 */
const LATER = [
  'src/core/har/parse-har.ts',
  'src/core/har/har-initiator.ts',
  'src/core/map/from-har.ts',
  'src/browser/deps/render-chains.ts',
  'src/core/map/chain-words.ts',
  'src/browser/deps/graph-view.ts',
  'src/core/map/graph-loaders.ts',
];

describe("the mapper page's first script", () => {
  it('reaches the later modules only through dynamic imports', () => {
    const first = reachable('src/browser/deps/main.ts', false);
    const all = reachable('src/browser/deps/main.ts');
    expect(first.size).toBeGreaterThan(5);
    for (const later of LATER) {
      expect(first.has(later), later).toBe(false);
      expect(all.has(later), later).toBe(true);
    }
  });
});
