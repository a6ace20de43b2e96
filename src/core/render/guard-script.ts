/**
 * The guard: JavaScript the fence runs in every realm of a scanned page (each frame's document and each
 * worker) before the page's own scripts. It removes what the browser would open without an HTTP request
 * the fence can intercept, and reports each attempt so the host still appears in the map:
 * - WebSocket, WebSocketStream: replaced by a constructor that reports and throws (a SecurityError, what a
 *   Content-Security-Policy refusal throws; the injected CSP refuses them too where the guard cannot run);
 *   defined even where the realm lacks them yet, since a worker gains WebTransport after we run;
 * - WebTransport (QUIC) and RTCPeerConnection (STUN/TURN over UDP/TCP): the same;
 * - window.open: reports and returns null (what a popup blocker does);
 * - speculation rules (their prefetches are made by the browser outside every target the fence sees):
 *   a `<script type=speculationrules>` that appears in the top-level document by any route (inserted,
 *   written, retyped) is removed at once, which withdraws its rules (those in the served HTML are made
 *   inert before the browser parses it, fenced-response.ts).
 * Reports go out as a fetch to a per-scan URL on an `.invalid` host (RFC 6761: it can never resolve); the
 * fence recognises it, records the attempt and fails the request, so no binding or Runtime domain is
 * needed in the page. The functions the page can see are bound (their source reads `[native code]`), so
 * the report URL is not printed by `toString()`.
 */

/** The report URL's host: `.invalid` never resolves, so even a report that escaped the fence goes nowhere. */
export const REPORT_HOST_SUFFIX = '.scan-report.invalid';

/** Reports sent per realm at most; a loop of WebSocket attempts still throws, silently after this. */
export const MAX_REPORTS_PER_REALM = 50;

/** The report URL of a scan: `https://<token>.scan-report.invalid/`. */
export function reportOrigin(token: string): string {
  return `https://${token}${REPORT_HOST_SUFFIX}`;
}

/** What a report carries: the channel (a CHANNEL_CODES value) and the URL the page tried. */
export interface GuardReport {
  code: string;
  url: string;
}

/** Reads a report back from the URL the guard fetched; null for anything else. */
export function parseReport(rawUrl: string, token: string): GuardReport | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.hostname !== `${token}${REPORT_HOST_SUFFIX}`) return null;
  const code = url.searchParams.get('c');
  const target = url.searchParams.get('u');
  return code && target ? { code, url: target } : null;
}

/** True for any report URL (of this scan or a forged one): such requests never leave the browser. */
export function isReportUrl(rawUrl: string): boolean {
  try {
    return new URL(rawUrl).hostname.endsWith(REPORT_HOST_SUFFIX);
  } catch {
    return false;
  }
}

/** The guard's source for one scan. `token` must be URL-safe (the fence draws it at random). */
export function guardScript(token: string): string {
  if (!/^[a-z0-9]{8,64}$/.test(token))
    throw new Error('guard token must be 8-64 lower-case letters or digits');
  return `(() => {
  'use strict';
  const g = globalThis;
  if (g[Symbol.for('edge-speed-tools.guard')]) return;
  const realFetch = typeof g.fetch === 'function' ? g.fetch.bind(g) : null;
  const here = () => { try { return String(g.location && g.location.href); } catch (e) { return ''; } };
  const absolute = (u) => { try { return new URL(String(u), here()).href; } catch (e) { return String(u); } };
  let sent = 0;
  const report = (code, u) => {
    if (!realFetch || sent >= ${MAX_REPORTS_PER_REALM}) return;
    sent += 1;
    const q = '?c=' + encodeURIComponent(code) + '&u=' + encodeURIComponent(absolute(u).slice(0, 2048));
    try { realFetch('${reportOrigin(token)}/' + q, { mode: 'no-cors', credentials: 'omit', keepalive: true }).catch(() => {}); } catch (e) {}
  };
  // Writable and configurable, as the originals were: a page that wraps these keeps working, and none can
  // get the originals back (every same-origin realm runs this guard first).
  const define = (target, name, value) => {
    try { Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false }); } catch (e) {}
  };
  // What a refused constructor was aimed at: its URL, or an RTCPeerConnection's STUN/TURN servers.
  const targets = (name, first) => {
    if (!name.includes('RTCPeerConnection')) return [first];
    const list = [];
    try { for (const server of (first && first.iceServers) || []) list.push(...[].concat(server.urls)); } catch (e) {}
    return list.length > 0 ? list.slice(0, 5) : ['about:blank'];
  };
  const refuse = (name, code) => function () {
    for (const target of targets(name, arguments[0])) report(code, target);
    throw new DOMException(name + ' is disabled in the dependency scanner', 'SecurityError');
  }.bind(null);
  // Fixed, not merely replaced: a worker's global gets secure-context interfaces (WebTransport) only after
  // this runs, and the browser then skips a name that is already defined and not configurable.
  for (const [name, code] of [['WebSocket', 'websocket'], ['WebSocketStream', 'websocket'], ['WebTransport', 'connection'], ['RTCPeerConnection', 'connection'], ['webkitRTCPeerConnection', 'connection']]) {
    try { Object.defineProperty(g, name, { value: refuse(name, code), writable: false, configurable: false, enumerable: false }); } catch (e) {}
  }
  if (typeof g.Window === 'function' && g instanceof g.Window) {
    define(g, 'open', function (u) { report('popup', u === undefined ? 'about:blank' : u); return null; }.bind(null));
  }
  define(g, Symbol.for('edge-speed-tools.guard'), true);
  if (typeof g.Document !== 'function' || typeof g.Element !== 'function') return;

  // Speculation rules (only the top-level document's count): a script of that type is removed as soon as
  // it appears, which withdraws its rule set before the browser acts on it. A MutationObserver and no
  // wrapper around DOM methods: a wrapper would be the top frame of every request those methods start,
  // and the browser would attribute the requests to it instead of the page's script.
  if (typeof g.MutationObserver !== 'function' || !g.document || g !== g.top) return;
  const SPEC = /^\s*speculationrules\s*$/i;
  // The DOM methods as they are now: the page may replace them before the observer runs.
  const E = g.Element.prototype;
  const [getAttribute, remove, query] = [E.getAttribute, E.remove, E.querySelectorAll];
  const isElement = (node) => node instanceof g.Element;
  const isRules = (node) => isElement(node) && String(node.localName).toLowerCase() === 'script' && SPEC.test(getAttribute.call(node, 'type') || '');
  const withdraw = (el) => { remove.call(el); report('speculation_rules', here()); };
  const sweep = (node) => {
    if (isRules(node)) return withdraw(node);
    if (isElement(node)) for (const el of query.call(node, 'script[type]')) if (isRules(el)) withdraw(el);
  };
  new g.MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') sweep(record.target);
      else for (const node of record.addedNodes) sweep(node);
    }
  }).observe(g.document, { childList: true, subtree: true, attributes: true, attributeFilter: ['type'] });
})();`;
}
