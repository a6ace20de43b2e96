import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every module a browser entry reaches through static and dynamic relative imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
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
