import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapse } from '../../../scripts/data/provider-ranges.ts';
import { formatIp, parseCidr } from '../../../src/core/attribution/ip.ts';

const root = new URL('../../../', import.meta.url).pathname;
const reference = join(root, '../shared/reference');

describe('collapse (provider-ranges generator)', () => {
  const run = (cidrs: string[], family: 4 | 6): string[] =>
    collapse(
      cidrs.map((c) => {
        const p = parseCidr(c);
        if (!p) throw new Error(c);
        return { network: p.network, bits: p.bits };
      }),
      family,
    ).map((b) => `${formatIp(b.network, family)}/${b.bits}`);

  it.each([
    [['10.0.0.0/25', '10.0.0.128/25'], ['10.0.0.0/24']],
    [['10.0.0.0/24', '10.0.0.0/25', '10.0.0.5/32'], ['10.0.0.0/24']],
    [['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/25'], ['10.0.0.0/24']],
    // siblings only: 10.0.1.0/24 + 10.0.2.0/24 are adjacent but not one /23
    [
      ['10.0.1.0/24', '10.0.2.0/24'],
      ['10.0.1.0/24', '10.0.2.0/24'],
    ],
    [['10.0.0.0/24', '10.0.0.0/24'], ['10.0.0.0/24']],
    [[], []],
  ])('%j → %j', (input, expected) => {
    expect(run(input, 4)).toEqual(expected);
  });

  it('works for IPv6', () => {
    expect(run(['2001:db8::/33', '2001:db8:8000::/33', '2001:db8:1::/48'], 6)).toEqual(['2001:db8::/32']);
  });
});

/**
 * The committed tables are exactly what the scripts make from the reference snapshot. That snapshot lives
 * beside the project, not in it (a user's clone has none): there each case is skipped with the reason in
 * the test output, never passed silently.
 */
const SKIP_REASON = `no reference snapshot at ${reference} (it is not part of a clone): regeneration not checked`;

describe('regeneration from ../shared/reference', () => {
  it.for([
    ['scripts/data/provider-ranges.ts', 'provider-ip-ranges.cdncheck.json', 'src/data/provider-ranges.json'],
    ['scripts/data/cdn-cnames.ts', 'cdn-cname-lists.json', 'src/data/cdn-cnames.json'],
  ] as const)('%s reproduces %s → %s', { timeout: 60_000 }, ([script, source, committed], context) => {
    if (!existsSync(reference)) {
      // The default reporter shows a count of skips only; the reason goes to the output as well.
      console.warn(`skipped: ${SKIP_REASON}`);
      context.skip(SKIP_REASON);
    }
    const tmp = mkdtempSync(join(tmpdir(), 'attribution-data-'));
    const out = join(tmp, committed.replace(/\//g, '_'));
    execFileSync(process.execPath, [join(root, script), join(reference, source), out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, committed), 'utf8'));
  });
});
