/**
 * The resolver's answer made fit for the page and for saving. Names in it come from DNS (CNAME targets,
 * name servers) and Team Cymru (AS names), and the zone's owner chooses them: a label may hold any bytes,
 * a bidi override or 300 characters of padding. Everything is drawn as text already; this keeps what
 * /api/resolve answers within report-schema.ts, so the map the page shows is the map it can save.
 */
import type { ResolvedHost } from '../resolve/types.ts';
import { MAX_REPORT_LIST, MAX_REPORT_TEXT } from './report-limits.ts';
import { CODE_PATTERN, cleanText, isIpAddress, isMapHost, isPrefix, MAX_ASN } from './report-fields.ts';
import { cleanRisks } from '../risk/clean-risks.ts';

/**
 * The answer for the hosts asked about, each at most once and cleaned; anything else in it is dropped
 * (resolve-batches.ts then lists the missing ones as unknown, with the reason).
 */
export function cleanResolvedHosts(
  asked: readonly string[],
  answer: readonly ResolvedHost[],
): ResolvedHost[] {
  const wanted = new Set(asked);
  const out: ResolvedHost[] = [];
  for (const host of answer) {
    if (!wanted.delete(host.host)) continue;
    out.push(cleanResolvedHost(host));
  }
  return out;
}

const text = (value: string) => cleanText(value, MAX_REPORT_TEXT);
const code = (value: string) => (CODE_PATTERN.test(value) ? value : 'unknown');
const hosts = (list: readonly string[]) =>
  list
    .map((h) => h.toLowerCase().replace(/\.$/, ''))
    .filter(isMapHost)
    .slice(0, MAX_REPORT_LIST);

/** One host of the answer, its name already checked. Optional fields stay absent when absent. */
export function cleanResolvedHost(host: ResolvedHost): ResolvedHost {
  const out: ResolvedHost = {
    host: host.host,
    firstParty: host.firstParty,
    entity: {
      name: text(host.entity.name),
      company: text(host.entity.company),
      category: text(host.entity.category),
      unrecognised: host.entity.unrecognised,
    },
    cnames: hosts(host.cnames),
    addresses: host.addresses.filter(isIpAddress).slice(0, MAX_REPORT_LIST),
    providers: host.providers.slice(0, MAX_REPORT_LIST).map((p) => ({
      name: text(p.name),
      role: p.role,
      signal: p.signal,
      ...(p.operator === undefined ? {} : { operator: text(p.operator) }),
      ...(p.service === undefined ? {} : { service: text(p.service) }),
      ...(p.evidence === undefined ? {} : { evidence: text(p.evidence) }),
      ...(p.corroboration === undefined
        ? {}
        : {
            corroboration: p.corroboration
              .slice(0, MAX_REPORT_LIST)
              .map((c) => ({ signal: c.signal, evidence: text(c.evidence) })),
          }),
    })),
    asn: cleanAsn(host.asn),
    errors: host.errors.slice(0, MAX_REPORT_LIST).map((e) => ({
      code: code(e.code),
      message: text(e.message),
      ...(e.stage === undefined ? {} : { stage: code(e.stage) }),
    })),
  };
  if (host.entity.product !== undefined) out.entity.product = text(host.entity.product);
  if (host.nameServers) out.nameServers = hosts(host.nameServers);
  // Zone, site and SOA feed "probably yours" (src/core/ownership); risks the Risks section.
  if (typeof host.zone === 'string' && isMapHost(host.zone)) out.zone = host.zone;
  if (typeof host.site === 'string' && isMapHost(host.site)) out.site = host.site;
  if (host.soa && isMapHost(host.soa.primary) && isMapHost(host.soa.contact))
    out.soa = { primary: host.soa.primary, contact: host.soa.contact };
  if (host.risks !== undefined) out.risks = cleanRisks(host.risks);
  return out;
}

function cleanAsn(asn: ResolvedHost['asn']): ResolvedHost['asn'] {
  if (!asn || !Number.isInteger(asn.number) || asn.number < 0 || asn.number > MAX_ASN) return null;
  return { number: asn.number, name: text(asn.name), prefix: isPrefix(asn.prefix) ? asn.prefix : '' };
}
