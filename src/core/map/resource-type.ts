/**
 * Normalises what a resource is from the three vocabularies the mapper sees: the static scanner's
 * `ResourceKind`, Chrome's `_resourceType` (HAR), and MIME types / file extensions (Firefox and
 * WebPageTest HARs carry no resource type).
 */
import type { ResourceKind } from '../scan/types.ts';
import type { ResourceType } from './types.ts';

const FONT_EXT = /\.(woff2?|ttf|otf|eot)$/i;
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;
const SCRIPT_EXT = /\.(m?js)$/i;
const STYLE_EXT = /\.css$/i;
const MEDIA_EXT = /\.(mp4|webm|m3u8|mp3|ogg|wav|m4a|mpd)$/i;

/** By file extension of a URL path; `null` when the path says nothing. */
export function typeFromPath(path: string): ResourceType | null {
  if (FONT_EXT.test(path)) return 'font';
  if (IMAGE_EXT.test(path)) return 'image';
  if (SCRIPT_EXT.test(path)) return 'script';
  if (STYLE_EXT.test(path)) return 'stylesheet';
  if (MEDIA_EXT.test(path)) return 'media';
  return null;
}

/** By MIME type (parameters ignored); `null` when unknown or absent. */
export function typeFromMime(mime: string | undefined): ResourceType | null {
  if (!mime) return null;
  const m = mime.split(';')[0]!.trim().toLowerCase();
  if (m === 'text/html' || m === 'application/xhtml+xml') return 'document';
  if (m === 'text/css') return 'stylesheet';
  if (/(java|ecma)script|^application\/x-javascript$/.test(m)) return 'script';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('font/') || /font|woff|opentype|truetype/.test(m)) return 'font';
  if (m.startsWith('video/') || m.startsWith('audio/') || m === 'application/vnd.apple.mpegurl')
    return 'media';
  if (m === 'application/manifest+json') return 'manifest';
  if (/json|xml|^text\/plain$|protobuf|grpc/.test(m)) return 'fetch';
  return null;
}

/**
 * Chrome DevTools `_resourceType` (Network.ResourceType: Document, Stylesheet, Image, Media, Font,
 * Script, TextTrack, XHR, Fetch, Prefetch, EventSource, WebSocket, Manifest, SignedExchange, Ping,
 * CSPViolationReport, Preflight, Other), lower-cased by HAR exporters.
 * https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-ResourceType
 */
export function typeFromChrome(resourceType: string): ResourceType | null {
  switch (resourceType.toLowerCase()) {
    case 'document':
      return 'document';
    case 'stylesheet':
      return 'stylesheet';
    case 'image':
      return 'image';
    case 'media':
    case 'texttrack':
      return 'media';
    case 'font':
      return 'font';
    case 'script':
      return 'script';
    case 'xhr':
    case 'fetch':
    case 'eventsource':
    case 'preflight':
      return 'fetch';
    case 'websocket':
      return 'websocket';
    case 'manifest':
      return 'manifest';
    case 'ping':
    case 'cspviolationreport':
    case 'beacon':
      return 'beacon';
    case 'prefetch':
      return 'hint';
    case 'other':
    case 'signedexchange':
      return 'other';
    default:
      return null;
  }
}

/** The scanner's kinds (what element or CSS rule referenced the URL). */
export function typeFromScanKind(kind: ResourceKind, path: string): ResourceType {
  switch (kind) {
    case 'script':
    case 'modulepreload':
      return 'script';
    case 'stylesheet':
    case 'css-import':
      return 'stylesheet';
    case 'image':
    case 'icon':
      return 'image';
    case 'media':
      return 'media';
    case 'iframe':
    case 'embed':
    case 'object':
      return 'iframe';
    case 'form':
      return 'form';
    case 'meta-refresh':
      return 'document';
    case 'manifest':
      return 'manifest';
    case 'preconnect':
    case 'dns-prefetch':
      return 'hint';
    case 'preload':
    case 'css-url':
    case 'inferred':
    case 'har':
    case 'browser':
      return typeFromPath(path) ?? 'other';
  }
}
