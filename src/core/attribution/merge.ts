/**
 * De-duplication of attributions found by several signals.
 *
 * Rule (docs/attribution.md): one entry per provider name + role. The entry keeps the strongest signal's
 * evidence and service; weaker signals for the same provider and role go into `corroboration`.
 * Strength, strongest first:
 *   ip-range  the address sits in a block the vendor publishes as its own;
 *   cname     the host's DNS is delegated to the provider's name;
 *   hostname  the host itself is under the provider's name;
 *   header    the response says so (can come from any proxy in between);
 *   asn       the origin network (coarse: a CDN, a cloud tenant and the company's own services share it);
 *   ns        only ever used for the 'dns' role.
 * ASN attributions are dropped when a stronger signal already names a provider of the same company
 * (AS16509 next to "Amazon CloudFront" adds nothing but a misleading "Amazon Web Services: cloud").
 * Output order: role (cdn, cloud, network, dns), then signal strength, then name.
 */
import type { ProviderAttribution, ProviderRole, Signal } from '../resolve/types.ts';

export interface Candidate {
  name: string;
  role: ProviderRole;
  signal: Signal;
  evidence: string;
  service?: string;
  /** The operator (operator.ts): the company whose network this is. */
  company: string;
}

export const SIGNAL_STRENGTH: readonly Signal[] = ['ip-range', 'cname', 'hostname', 'header', 'asn', 'ns'];
export const ROLE_ORDER: readonly ProviderRole[] = ['cdn', 'cloud', 'network', 'dns'];

const strength = (s: Signal): number => SIGNAL_STRENGTH.indexOf(s);

export function mergeAttributions(candidates: readonly Candidate[]): ProviderAttribution[] {
  const sorted = [...candidates].sort((a, b) => strength(a.signal) - strength(b.signal));
  const companiesByStrongSignal = new Set(
    sorted.filter((c) => c.signal !== 'asn' && c.signal !== 'ns').map((c) => c.company),
  );
  const byKey = new Map<string, ProviderAttribution>();
  for (const c of sorted) {
    if (c.signal === 'asn' && companiesByStrongSignal.has(c.company)) continue;
    const key = `${c.role}\u0000${c.name}`;
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, {
        name: c.name,
        operator: c.company,
        role: c.role,
        signal: c.signal,
        evidence: c.evidence,
        ...(c.service === undefined ? {} : { service: c.service }),
      });
      continue;
    }
    if (kept.evidence === c.evidence) continue;
    const corroboration = (kept.corroboration ??= []);
    if (!corroboration.some((x) => x.signal === c.signal && x.evidence === c.evidence)) {
      corroboration.push({ signal: c.signal, evidence: c.evidence });
    }
    if (kept.service === undefined && c.service !== undefined) kept.service = c.service;
  }
  return [...byKey.values()].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      strength(a.signal) - strength(b.signal) ||
      a.name.localeCompare(b.name),
  );
}
