/**
 * What the mapper page says when something fails: a sentence that leads with what to do, in plain words,
 * and the API's own message and stable code kept as details (for a bug report or a support question).
 * The codes are the APIs' (src/core/scan/refusals.ts, functions/api/**, the rate limiter) and the page's own
 * (`network_error`, `http_NNN`, `invalid_response` from src/browser/deps/api.ts).
 */

export interface PlainError {
  /** What happened and what to do, for everyone. */
  lead: string;
  /** The API's own message, for the curious and for support. */
  detail: string;
  code: string;
}

/** Which action failed: the same code can call for different advice. */
export type FailedAction = 'scan' | 'resolve' | 'save' | 'load';

const LEADS: Record<string, string> = {
  invalid_url: 'This does not look like a web address. Check for a typo; it looks like www.example.com/shop.',
  unsupported_scheme: 'Only web pages (http:// or https://) can be mapped.',
  credentials_in_url:
    'Remove the user name and password from the address: the scanner reads public pages only.',
  port_not_allowed:
    'The scanner only reads pages on the usual web ports. Remove the “:port” from the address, or import a HAR instead.',
  private_address:
    'That address is on a private network or this computer, which our scanner cannot reach from the internet. Map a public page, or record a HAR in your browser and import it.',
  dns_failed:
    'We could not find this site in DNS. Check the spelling of the host name; if the site is internal, import a HAR instead.',
  origin_unreachable:
    'The site did not accept our connection. Check that the page opens in your browser, then try again, or import a HAR.',
  origin_error: 'The site answered with an error instead of the page. Check the address, or import a HAR.',
  timeout:
    'The site took too long to answer. Try again in a moment, or import a HAR recorded in your browser.',
  too_many_redirects: 'The address redirects too many times. Enter the final address of the page.',
  redirect_refused:
    'The address redirects somewhere the scanner may not go (another scheme or a private address). Enter the final address of the page.',
  not_html: 'That address is not a web page (it is a file or an API). Enter the address of an HTML page.',
  unsupported_encoding: 'The page uses a text encoding the scanner cannot read. Import a HAR instead.',
  invalid_report_id:
    'This report link is incomplete or mistyped. Copy the whole link again from where it was shared.',
  report_not_found:
    'This saved report does not exist or has expired (links last 30 days). Map the page again to get a fresh one.',
  report_too_large: 'This map is too large to save as a link. Download the JSON or CSV instead.',
  network_error: 'We could not reach our server. Check your connection and try again.',
};

function retryLead(message: string, retryAfterSeconds?: number): string {
  const seconds = retryAfterSeconds ?? Number(/(\d+)\s*s\b/.exec(message)?.[1] ?? NaN);
  const wait =
    Number.isFinite(seconds) && seconds > 0 ? `${seconds} second${seconds === 1 ? '' : 's'}` : 'a minute';
  return `Too many requests from your address in a short time. Wait ${wait} and try again.`;
}

export function plainError(
  code: string,
  message: string,
  action: FailedAction,
  retryAfterSeconds?: number,
): PlainError {
  let lead = LEADS[code];
  if (code === 'rate_limited') lead = retryLead(message, retryAfterSeconds);
  if (!lead) {
    lead =
      action === 'save'
        ? 'The map could not be saved. You can still download it as JSON or CSV.'
        : action === 'load'
          ? 'This saved report could not be opened. Try again later, or map the page again.'
          : 'Something went wrong on our side. Try again in a moment.';
  }
  return { lead, detail: message, code };
}
