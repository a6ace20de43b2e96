/**
 * The zone whose name servers tell us a host's DNS provider: its registrable domain under the ICANN
 * section of the Public Suffix List (tldts). The PSL's private section (github.io, cloudfront.net, ...)
 * is left out on purpose: `user.github.io` is not delegated to the user, its records are served by
 * the platform's DNS, so the NS set of `github.io` is the honest answer. First-party checks use the
 * private section instead (src/core/attribution/registrable.ts).
 */
import { getDomain } from 'tldts';

export function registrableZone(host: string): string | null {
  return getDomain(host, { allowPrivateDomains: false }) ?? null;
}
