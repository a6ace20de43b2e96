/**
 * A replay of a real page's request graph from a HAR capture, for `npm run bench:scan`'s recall figures.
 * The captures we hold (../shared/fixtures/hars) record every request Chromium made and who made it
 * (`_initiator`, `_initiator_type`), but not the bodies. So the replay keeps the graph and writes the
 * bodies: the document names with elements what its parser requested, each stylesheet names with `url()`
 * and `@import` what it brought in, each script inserts or fetches what it brought in, each iframe's
 * document names its own, each pixel that led to another redirects to it (only to its first: a redirect
 * has one target). Requests whose initiator the capture does not know are made by an inline script from a
 * URL built at run time (no literal a static scan could read).
 *
 * What the replay measures is therefore the methods against the real SHAPE of those pages (how many hosts
 * only scripts reach, how deep the chains go), not against their real HTML: real HTML also names things
 * its parser never requests, which would only help the static scan's recall.
 *
 * Hosts are renamed `<host with dashes>.replay.test` (HSTS-preloaded names cannot be served over plain
 * HTTP, and `.test` never leaks); the page's own host becomes the bench's loopback origin.
 */

export interface ReplayFile {
  type: string;
  body: string;
  /** Answer 302 to this URL instead (an image or beacon whose capture shows it led to another). */
  location?: string;
}

export interface Replay {
  name: string;
  /** The document's URL in the replay (on the page origin). */
  pageUrl: string;
  /** Every replayed URL and what it serves. */
  files: Map<string, ReplayFile>;
  /** Distinct hosts Chromium requested in the capture (renamed as in the replay). */
  truthHosts: Set<string>;
  /** Requests in the capture by who made them: the parser, a script, a stylesheet, unknown. */
  counts: Record<'parser' | 'script' | 'stylesheet' | 'document' | 'unknown', number>;
}

interface HarEntry {
  pageref?: string;
  request: { url: string };
  response: { status: number; content?: { mimeType?: string } };
  _initiator?: string;
  _initiator_type?: string;
  _resourceType?: string;
}

type Kind = 'document' | 'stylesheet' | 'script' | 'image' | 'font' | 'media' | 'other';

/** The renamed host of a capture's host. */
export const replayHost = (host: string): string => `${host.replace(/\./g, '-')}.replay.test`;

function kindOf(entry: HarEntry): Kind {
  const type = (entry._resourceType ?? '').toLowerCase();
  const mime = (entry.response.content?.mimeType ?? '').toLowerCase();
  // Captures label some scripts text/html (ad servers do); the path says what they were.
  if (!type && /\.m?js(\?|$)/.test(new URL(entry.request.url).pathname + '?')) return 'script';
  if (type === 'document' || mime.startsWith('text/html')) return 'document';
  if (type === 'stylesheet' || mime.includes('css')) return 'stylesheet';
  if (type === 'script' || mime.includes('javascript') || mime.includes('ecmascript')) return 'script';
  if (type === 'image' || mime.startsWith('image/')) return 'image';
  if (type === 'font' || mime.includes('font') || /\.(woff2?|ttf|otf)(\?|$)/.test(entry.request.url))
    return 'font';
  if (type === 'media' || mime.startsWith('video/') || mime.startsWith('audio/')) return 'media';
  return 'other';
}

const stripHash = (url: string) => url.split('#')[0] as string;

/** `pageOrigin` may carry a path prefix (`http://127.0.0.1:8080/capture-a`): the page's own URLs go under it. */
export function buildReplay(name: string, harText: string, pageOrigin: string): Replay | null {
  const har = JSON.parse(harText) as { log: { pages?: Array<{ id: string }>; entries: HarEntry[] } };
  const firstPage = har.log.pages?.[0]?.id;
  const entries = har.log.entries.filter(
    (e) => (!firstPage || e.pageref === firstPage) && /^https?:/.test(e.request.url),
  );
  if (!entries.some((e) => e._initiator)) return null; // no initiator data: nothing to replay
  // The document: the HTML entry most requests name as their initiator.
  const votes = new Map<string, number>();
  for (const e of entries)
    if (e._initiator) votes.set(stripHash(e._initiator), (votes.get(stripHash(e._initiator)) ?? 0) + 1);
  const page = entries
    .filter((e) => kindOf(e) === 'document')
    .map((e) => stripHash(e.request.url))
    .sort((a, b) => (votes.get(b) ?? 0) - (votes.get(a) ?? 0))[0];
  if (!page) return null;
  const pageHost = new URL(page).host;
  const mapUrl = (raw: string): string => {
    const url = new URL(stripHash(raw));
    if (url.host === pageHost) return `${pageOrigin}${url.pathname}${url.search}`;
    return `http://${replayHost(url.hostname)}${url.pathname}${url.search}`;
  };

  const kinds = new Map<string, Kind>();
  const children = new Map<string, Array<{ url: string; kind: Kind }>>();
  const unknown: Array<{ url: string; kind: Kind }> = [];
  const counts: Replay['counts'] = { parser: 0, script: 0, stylesheet: 0, document: 0, unknown: 0 };
  const truthHosts = new Set<string>([new URL(pageOrigin).hostname]);
  for (const e of entries) kinds.set(stripHash(e.request.url), kindOf(e));
  for (const e of entries) {
    const url = stripHash(e.request.url);
    if (url === page) continue;
    const mapped = mapUrl(url);
    truthHosts.add(new URL(mapped).hostname);
    const by = e._initiator ? stripHash(e._initiator) : '';
    const byKind = by === page ? 'document' : kinds.get(by);
    if (!by || !byKind) {
      unknown.push({ url: mapped, kind: kindOf(e) });
      counts.unknown += 1;
      continue;
    }
    counts[
      by === page
        ? 'parser'
        : byKind === 'document'
          ? 'document'
          : byKind === 'stylesheet'
            ? 'stylesheet'
            : 'script'
    ] += 1;
    const list = children.get(by) ?? [];
    list.push({ url: mapped, kind: kindOf(e) });
    children.set(by, list);
  }

  const files = new Map<string, ReplayFile>();
  const childrenOf = (url: string) => children.get(url) ?? [];
  files.set(mapUrl(page), {
    type: 'text/html; charset=utf-8',
    body: documentBody(childrenOf(page), unknown),
  });
  for (const [url, kind] of kinds) {
    if (url === page) continue;
    const mapped = mapUrl(url);
    if (kind === 'document')
      files.set(mapped, { type: 'text/html; charset=utf-8', body: documentBody(childrenOf(url), []) });
    else if (kind === 'stylesheet')
      files.set(mapped, { type: 'text/css', body: stylesheetBody(childrenOf(url)) });
    else if (kind === 'script')
      files.set(mapped, { type: 'text/javascript', body: scriptBody(childrenOf(url)) });
    else {
      // Pixels that led to others (cookie syncs) did so by redirecting: the first one they brought in.
      const next = childrenOf(url)[0]?.url;
      const type = kind === 'image' ? 'image/gif' : 'application/octet-stream';
      files.set(mapped, next ? { type, body: '', location: next } : { type, body: '' });
    }
  }
  return { name, pageUrl: mapUrl(page), files, truthHosts, counts };
}

const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * HTML naming what its parser requested. The ones of unknown origin are loaded by an inline script from URLs
 * built at run time (scripts, frames and stylesheets as elements, the rest fetched), so what they bring in
 * loads too.
 */
function documentBody(
  list: Array<{ url: string; kind: Kind }>,
  unknown: Array<{ url: string; kind: Kind }>,
): string {
  const tags = list.map(({ url, kind }) => {
    const u = attr(url);
    switch (kind) {
      case 'stylesheet':
        return `<link rel="stylesheet" href="${u}">`;
      case 'script':
        return `<script src="${u}"></script>`;
      case 'image':
        return `<img src="${u}" alt="">`;
      case 'font':
        return `<link rel="preload" as="font" href="${u}" crossorigin>`;
      case 'document':
        return `<iframe src="${u}"></iframe>`;
      case 'media':
        return `<video src="${u}" preload="auto"></video>`;
      default:
        return `<link rel="preload" as="fetch" href="${u}" crossorigin>`;
    }
  });
  // Reversed character codes: no URL literal for a static scan to find, as with code that builds URLs.
  const hidden = unknown.map(({ url, kind }) => [kind, [...url].map((c) => c.charCodeAt(0)).reverse()]);
  const script = hidden.length
    ? `<script>${JSON.stringify(hidden)}.forEach(function (item) {
  var url = String.fromCharCode.apply(null, item[1].reverse()), kind = item[0], el;
  if (kind === 'script') { el = document.createElement('script'); el.src = url; }
  else if (kind === 'document') { el = document.createElement('iframe'); el.src = url; }
  else if (kind === 'stylesheet') { el = document.createElement('link'); el.rel = 'stylesheet'; el.href = url; }
  else if (kind === 'image') { new Image().src = url; return; }
  else { fetch(url, { mode: 'no-cors' }).catch(function () {}); return; }
  document.body.appendChild(el);
});</script>`
    : '';
  const fonts = Array.from({ length: 40 }, (_, i) => `<span class="f${i}">a</span>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>replay</title>${tags.join('\n')}</head><body>${fonts}${script}</body></html>`;
}

/** CSS bringing in what the stylesheet did: @import, backgrounds on the root, fonts on the spans. */
function stylesheetBody(list: Array<{ url: string; kind: Kind }>): string {
  const imports = list.filter((c) => c.kind === 'stylesheet').map((c) => `@import url("${c.url}");`);
  const images = list.filter((c) => c.kind === 'image' || c.kind === 'other' || c.kind === 'media');
  const fonts = list.filter((c) => c.kind === 'font').slice(0, 40);
  const rules = [
    ...imports,
    images.length ? `html { background-image: ${images.map((c) => `url("${c.url}")`).join(', ')}; }` : '',
    ...fonts.map(
      (c, i) => `@font-face { font-family: r${i}; src: url("${c.url}"); } .f${i} { font-family: r${i}; }`,
    ),
  ];
  return rules.filter(Boolean).join('\n');
}

/** A script making the requests the captured one made, the way scripts do. */
function scriptBody(list: Array<{ url: string; kind: Kind }>): string {
  return list
    .map(({ url, kind }) => {
      const u = JSON.stringify(url);
      switch (kind) {
        case 'script':
          return `(function(){var s=document.createElement('script');s.src=${u};document.head.appendChild(s);})();`;
        case 'stylesheet':
          return `(function(){var l=document.createElement('link');l.rel='stylesheet';l.href=${u};document.head.appendChild(l);})();`;
        case 'image':
          return `new Image().src=${u};`;
        case 'document':
          return `(function(){var f=document.createElement('iframe');f.src=${u};document.documentElement.appendChild(f);})();`;
        default:
          return `fetch(${u},{mode:'no-cors'}).catch(function(){});`;
      }
    })
    .join('\n');
}
