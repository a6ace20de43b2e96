/** Provider of an origin AS number (src/data/asn-providers.json; facts from the reference README). */
import table from '../../data/asn-providers.json' with { type: 'json' };
import type { ProviderRole } from '../resolve/types.ts';

export interface AsnMatch {
  provider: string;
  role: ProviderRole;
}

const byAsn = new Map<number, AsnMatch>(
  (table.asns as Array<{ asn: number; provider: string; role: ProviderRole }>).map((a) => [
    a.asn,
    { provider: a.provider, role: a.role },
  ]),
);

export function matchAsn(asn: number): AsnMatch | null {
  return byAsn.get(asn) ?? null;
}
