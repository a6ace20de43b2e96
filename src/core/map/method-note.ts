/**
 * How a map was made, in plain words for the page's "Method" box: a rendered scan, a static scan (and,
 * after a fallback from a rendered one, why), or a HAR import; and what each cannot see. Also the words
 * for the policy's reasons when a rendered scan refused a request of the page.
 */
import type { DependencyReport } from './types.ts';

export type MapSource = 'rendered' | 'static' | 'har';

export interface MethodNote {
  source: MapSource;
  /** How the map was made and what it cannot see. */
  lead: string;
  /** After a fallback to the static scan: why there was no rendered scan, and what to do. */
  fallback?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Which method made the report: a scan saved before rendered scans existed was a static one. */
export function mapSource(report: Pick<DependencyReport, 'method' | 'source'>): MapSource {
  if (report.method === 'har') return 'har';
  return report.source.scanMethod === 'rendered' ? 'rendered' : 'static';
}

/**
 * Why the browser did not load the page, from the fallback's code. The scan API names the codes; these
 * rules read the word in them (unavailable, busy or limit, timeout, crash or failure) so a new code of the
 * same kind still gets the right sentence, and any other gets a general one with the API's own message.
 */
const FALLBACK_REASONS: ReadonlyArray<{ pattern: RegExp; words: string }> = [
  {
    pattern: /unavailable|absent|missing|no_browser|not_configured|binding|disabled/i,
    words: 'This site has no browser to load pages in right now',
  },
  {
    pattern: /busy|limit|rate|quota|429|capacity|concurren|too_many/i,
    words: 'The browser service is busy (its limits were reached)',
  },
  { pattern: /timeout|timed_out|deadline/i, words: 'The page did not finish loading in the browser in time' },
  { pattern: /crash|fail|error|launch/i, words: 'Loading the page in a browser failed' },
];

export function fallbackWords(fallback: { code: string; message: string }): string {
  const reason =
    FALLBACK_REASONS.find((r) => r.pattern.test(fallback.code))?.words ??
    'The page could not be loaded in a browser';
  const said = fallback.message ? ` (the scanner said: “${fallback.message}”)` : '';
  return `${reason}${said}, so this is a static scan: it shows what the page's HTML and stylesheets name, not what its scripts load. Try again later, or import a HAR recorded in your browser.`;
}

export function methodNote(report: Pick<DependencyReport, 'method' | 'source'>): MethodNote {
  const source = mapSource(report);
  const s = report.source;
  if (source === 'har') {
    const pages = s.pages && s.pages > 1 ? `, first of ${s.pages} page loads` : '';
    return {
      source,
      lead: `HAR import${s.tool ? ` (${s.tool})` : ''}: the requests a real browser made, ${plural(s.entries ?? 0, 'entry', 'entries')}${pages}.`,
    };
  }
  if (source === 'rendered') {
    return {
      source,
      lead: 'Rendered scan: we loaded the page in a real browser and recorded every request it made, scripts’ requests included, until it went quiet or the time limit. What loads only after a click, a scroll or a login is not in it.',
    };
  }
  const note: MethodNote = {
    source,
    lead: 'Static scan: what the page’s HTML and stylesheets reference. Requests that scripts make at run time are not in it; import a HAR to see them.',
  };
  if (s.fallback) note.fallback = fallbackWords(s.fallback);
  return note;
}

/** The target policy's refusal codes (src/core/scan/refusals.ts) as a reason a person reads. */
const BLOCKED_REASONS: Record<string, string> = {
  private_address: 'a private, local or reserved network address',
  port_not_allowed: 'a port other than the usual web ports',
  unsupported_scheme: 'not a web address (http or https)',
  credentials_in_url: 'an address with a user name or password in it',
  dns_failed: 'a name that could not be looked up safely',
  redirect_refused: 'a redirect to an address the policy refuses',
};

export function blockedReasonWords(reason: string): string {
  return BLOCKED_REASONS[reason] ?? reason;
}
