import { judgeHostname } from './host-policy.ts';
import { normaliseScanUrl } from './normalise-url.ts';
import { refused, type Refused } from './refusals.ts';

/** What the DNS step must provide: `resolveHost` from src/core/dns/resolve-host.ts fits. */
export type HostResolver = (host: string) => Promise<{
  cnames: string[];
  addresses: string[];
  errors: ReadonlyArray<{ code: string; message: string }>;
}>;

export interface TargetPolicy {
  allowedOrigins: ReadonlySet<string>;
  resolve: HostResolver;
}

export type TargetVerdict = { ok: true; url: URL; addresses: string[]; exempt: boolean } | Refused;

/**
 * Decides whether the scanner may send a request to `input` (the page or any redirect hop), in this order:
 * URL syntax, scheme, credentials, port; then the host: an IP literal is classified, a blocked name is
 * refused, any other name is resolved over DoH and refused if ANY answer (A, AAAA, or a name in the CNAME
 * chain) is not public. An origin listed in SCAN_ALLOWED_ORIGINS skips the port and address checks.
 *
 * Refusing on any private answer (not only the first) closes the "one public, one private A record"
 * trick; the remaining check-then-fetch gap is described in docs/scan.md.
 */
export async function checkTarget(input: string, policy: TargetPolicy): Promise<TargetVerdict> {
  const normalised = normaliseScanUrl(input, { allowedOrigins: policy.allowedOrigins });
  if (!normalised.ok) return normalised;
  const { url } = normalised;
  if (policy.allowedOrigins.has(url.origin)) return { ok: true, url, addresses: [], exempt: true };

  const verdict = judgeHostname(url.hostname);
  if (verdict.kind === 'address') {
    if (verdict.class.category !== 'public') return refusedAddress(verdict.address, verdict.class.category);
    return { ok: true, url, addresses: [verdict.address], exempt: false };
  }
  if (verdict.kind === 'blocked-name') {
    return refused('private_address', `${verdict.name} is not a public host: ${verdict.reason}.`);
  }

  let answer: Awaited<ReturnType<HostResolver>>;
  try {
    answer = await policy.resolve(verdict.name);
  } catch (error) {
    return refused('dns_failed', `Could not resolve ${verdict.name}: ${String(error)}`);
  }
  for (const cname of answer.cnames) {
    const step = judgeHostname(cname);
    if (step.kind === 'blocked-name') {
      return refused('private_address', `${verdict.name} is an alias of ${step.name}, which is not public.`);
    }
  }
  for (const address of answer.addresses) {
    const step = judgeHostname(address.includes(':') ? `[${address}]` : address);
    if (step.kind !== 'address')
      return refused('dns_failed', `${verdict.name} resolved to a malformed address.`);
    if (step.class.category !== 'public') return refusedAddress(address, step.class.category, verdict.name);
  }
  if (answer.addresses.length === 0) {
    const reason = answer.errors.map((e) => e.code).join(', ') || 'no A or AAAA records';
    return refused('dns_failed', `Could not resolve ${verdict.name} (${reason}).`);
  }
  return { ok: true, url, addresses: answer.addresses, exempt: false };
}

function refusedAddress(address: string, category: string, name?: string): Refused {
  const subject = name ? `${name} resolves to ${address}` : address;
  return refused('private_address', `${subject}, a ${category} address; only public addresses are scanned.`);
}
