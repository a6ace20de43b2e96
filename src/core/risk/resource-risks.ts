/**
 * Risks of one resource of a page: `no_sri`, `insecure_transport` and `known_compromised`. The scanner runs
 * it on every resource it returns (scan-risks.ts) and the mapper page on the map's resources (map-risks.ts),
 * so both always agree. Light: no Public Suffix List, no entity table; whether the host is a third party
 * and what kind of service it is come in as arguments.
 */
import type { ResourceType } from '../map/types.ts';
import { tryUrl } from '../map/url.ts';
import { knownCompromisedRisk } from './known-compromised.ts';
import { readIntegrity } from './sri.ts';
import { makeRisk, type Risk, type RiskSeverity } from './types.ts';

export interface ResourceFact {
  url: string;
  host: string;
  type: ResourceType;
  /**
   * SRI as the page's HTML states it: the attribute as written, null for an element without one, undefined
   * when no element of the known HTML names the resource (a script-inserted request, or HTML not known).
   */
  integrity?: string | null;
}

export interface ResourceContext {
  /** The page's URL; insecure_transport needs its scheme. */
  pageUrl: string | null;
  /** Whether the host is a third party to the page; null while unknown (then no_sri waits). */
  thirdParty: boolean | null;
  /** third-party-web category of the host's service ("tag-manager", "analytics"…), when known. */
  category?: string | null;
}

/** third-party-web's category of tag managers, whose script changes whenever someone publishes. */
const TAG_MANAGER = 'tag-manager';

/**
 * A file name or path segment that pins a version: a semantic version (3.7.1, @5.3.2, v2.1) or a content
 * hash of 8+ hex digits (main.3f2a9c1b.js). Without one, the vendor may change the file in place.
 */
const VERSIONED = /(?:^|[/@._-])v?\d+\.\d+(?:\.\d+)?(?:[/._-]|$)|[._-][0-9a-f]{8,}[._-]/i;

export function resourceRisks(fact: ResourceFact, ctx: ResourceContext): Risk[] {
  return [knownCompromisedRisk(fact.host), insecureTransportRisk(fact, ctx), noSriRisk(fact, ctx)].filter(
    (r): r is Risk => r !== null,
  );
}

export function noSriRisk(fact: ResourceFact, ctx: ResourceContext): Risk | null {
  if (fact.type !== 'script' && fact.type !== 'stylesheet') return null;
  // Unknown HTML, a script-inserted request, a first party or a host not resolved yet: nothing to judge.
  if (fact.integrity === undefined || ctx.thirdParty !== true) return null;
  let evidence: string;
  if (fact.integrity === null) evidence = `the element loading ${fact.url} has no integrity attribute`;
  else {
    const reading = readIntegrity(fact.integrity);
    if (reading.state === 'checked') return null;
    evidence =
      reading.state === 'empty'
        ? `integrity="" on the element loading ${fact.url}: an empty attribute checks nothing`
        : `integrity="${clip(fact.integrity)}" on the element loading ${fact.url}: no sha256, sha384 or sha512 digest the browser can use, so it checks nothing`;
  }
  const what = fact.type === 'script' ? 'script' : 'stylesheet';
  if (ctx.category === TAG_MANAGER) {
    return makeRisk({
      code: 'no_sri',
      severity: 'low',
      message: `This tag manager ${what} changes whenever someone publishes a new version of the container, so SRI cannot pin it. Limit who may publish, and what it may load with a Content-Security-Policy.`,
      evidence,
    });
  }
  const severity: RiskSeverity = fact.type === 'script' ? 'medium' : 'low';
  const reach =
    fact.type === 'script'
      ? 'runs with full access to your page'
      : 'can restyle your page and read parts of it through selectors';
  const message = VERSIONED.test(tryUrl(fact.url)?.pathname ?? fact.url)
    ? `This third-party ${what} ${reach}, and the browser does not check it. Its URL pins a version: add integrity="sha384-…" and crossorigin="anonymous", or self-host it.`
    : `This third-party ${what} ${reach}, and the browser does not check it. Its URL names no version, so the vendor may change it at any time and a hash would then block it: use a versioned URL with integrity, or self-host a reviewed copy.`;
  return makeRisk({ code: 'no_sri', severity, message, evidence });
}

export function insecureTransportRisk(fact: ResourceFact, ctx: ResourceContext): Risk | null {
  // The page's own document and hints (preconnect, dns-prefetch: nothing is fetched) are not subresources.
  if (fact.type === 'document' || fact.type === 'hint' || !ctx.pageUrl?.startsWith('https:')) return null;
  const scheme = /^(http|ws):/i.exec(fact.url)?.[1]?.toLowerCase();
  if (!scheme) return null;
  const evidence = `${fact.url} (${fact.type}) on a page served over https (${tryUrl(ctx.pageUrl)?.origin ?? ctx.pageUrl})`;
  if (fact.type === 'form') {
    return makeRisk({
      code: 'insecure_transport',
      severity: 'high',
      message:
        'This form sends what people type over plain http: anyone on their network can read or change it. Point it at an https address.',
      evidence,
    });
  }
  if (ACTIVE.has(fact.type)) {
    return makeRisk({
      code: 'insecure_transport',
      severity: 'medium',
      message: `Browsers block this plain-${scheme} ${fact.type} on an https page (mixed content), so what it does is broken; where it loads, anyone on the network can change it. Load it over ${scheme === 'ws' ? 'wss' : 'https'}.`,
      evidence,
    });
  }
  return makeRisk({
    code: 'insecure_transport',
    severity: 'low',
    message:
      'Browsers upgrade this plain-http file to https or refuse it; where it loads over http, anyone on the network can see or replace it. Load it over https.',
    evidence,
  });
}

/** Mixed content browsers block (W3C Mixed Content, "blockable"): everything but images, audio and video. */
const ACTIVE: ReadonlySet<ResourceType> = new Set([
  'script',
  'stylesheet',
  'iframe',
  'font',
  'fetch',
  'websocket',
  'manifest',
  'beacon',
  'other',
]);

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
