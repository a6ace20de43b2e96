/**
 * The page itself in a rendered scan: its navigation hop by hop (each hop passes the fence like any
 * request), the answer of the last hop, and why it failed when it did, in the static scan's refusal codes
 * so that a caller reads the same code whichever method answered (src/core/scan/refusals.ts).
 */
import { MAX_REDIRECTS } from '../scan/limits.ts';
import { POLICY_REFUSAL_CODES, type Refused, type ScanRefusalCode } from '../scan/refusals.ts';

/** The browser's net errors for a navigation, by the refusal code they mean (net/base/net_error_list.h). */
const NET_ERROR_CODES: ReadonlyArray<[RegExp, ScanRefusalCode]> = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_DNS_/, 'dns_failed'],
  [/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/, 'timeout'],
  [/ERR_TOO_MANY_REDIRECTS/, 'too_many_redirects'],
  [/ERR_UNSAFE_REDIRECT|ERR_INVALID_REDIRECT/, 'redirect_refused'],
];

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export class MainDocument {
  /** Every hop's URL, the requested one first. */
  readonly hops: string[] = [];
  status: number | null = null;
  contentType: string | null = null;
  bytes = 0;
  /** Set when the fence refused a hop: the refusal the scan answers with. */
  refused: Refused | null = null;

  constructor(readonly requestedUrl: string) {}

  /**
   * A hop of the page's navigation is about to be requested. Returns a refusal when there are more hops
   * than MAX_REDIRECTS allows (the browser would follow 20).
   */
  hop(url: string): Refused | null {
    if (this.hops.at(-1) !== url || this.hops.length === 0) this.hops.push(url);
    if (this.hops.length > MAX_REDIRECTS + 1) {
      return this.refuse('too_many_redirects', `The site redirected more than ${MAX_REDIRECTS} times.`);
    }
    return null;
  }

  /** The fence refused the current hop with a target-policy code. */
  refuseHop(code: ScanRefusalCode, message: string): Refused {
    if (this.hops.length > 1 && POLICY_REFUSAL_CODES.has(code)) {
      return this.refuse(
        'redirect_refused',
        `The site redirected to ${clip(this.hops.at(-1) ?? '')}, which is refused: ${message}`,
      );
    }
    return this.refuse(code, message);
  }

  /** The last hop answered. */
  answered(status: number, contentType: string | null, bytes: number): void {
    this.status = status;
    this.contentType = contentType;
    this.bytes = bytes;
  }

  get finalUrl(): string {
    return this.hops.at(-1) ?? this.requestedUrl;
  }

  /** Redirect targets in order (what `page.redirects` lists). */
  get redirects(): string[] {
    return this.hops.slice(1);
  }

  /**
   * Why the page cannot be reported, after the navigation ended (with `errorText` when it failed), or
   * null when it is a 2xx HTML page.
   */
  outcome(errorText?: string): Refused | null {
    if (this.refused) return this.refused;
    if (errorText) {
      const code = NET_ERROR_CODES.find(([pattern]) => pattern.test(errorText))?.[1] ?? 'origin_unreachable';
      return { ok: false, code, message: `The browser could not load the page (${errorText}).` };
    }
    if (this.status === null)
      return { ok: false, code: 'timeout', message: 'The page did not answer in time.' };
    if (this.status < 200 || this.status > 299) {
      return {
        ok: false,
        code: 'origin_error',
        message: `The site answered ${this.status} instead of a page.`,
      };
    }
    const essence = (this.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!HTML_TYPES.has(essence)) {
      return {
        ok: false,
        code: 'not_html',
        message: `The address serves ${essence || 'no content type'}, not an HTML page.`,
      };
    }
    return null;
  }

  private refuse(code: ScanRefusalCode, message: string): Refused {
    this.refused ??= { ok: false, code, message };
    return this.refused;
  }
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
