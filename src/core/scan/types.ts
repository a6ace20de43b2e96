/**
 * Contract of /api/scan: what a scan of a page returns and the mapper page consumes.
 */
import type { Risk } from '../risk/types.ts';

export const RESOURCE_KINDS = [
  'script',
  'stylesheet',
  'preload',
  'modulepreload',
  'preconnect',
  'dns-prefetch',
  'icon',
  'manifest',
  'image',
  'media',
  'iframe',
  'embed',
  'object',
  'form',
  'meta-refresh',
  'css-url',
  'css-import',
  'inferred',
  'har',
  // A request only the browser saw (rendered scans): nothing in the served HTML names it. Its type is in
  // `Resource.resourceType`.
  'browser',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** How a scan saw the page: in a real browser (scripts ran), or from the served HTML and CSS alone. */
export const SCAN_METHODS = ['rendered', 'static'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];

/**
 * Who made a request, as the browser (rendered scan) or a HAR's `_initiator` says: the HTML parser, a
 * script (its URL: the top stack frame's script, or the script element that was inserted), a redirect
 * (the previous hop's URL), a preload or prefetch, or something else (the browser gave no reason).
 */
export const INITIATOR_TYPES = ['parser', 'script', 'redirect', 'preload', 'other'] as const;
export type InitiatorType = (typeof INITIATOR_TYPES)[number];

export interface Initiator {
  type: InitiatorType;
  /** The document (parser), script (script) or previous hop (redirect) that made the request. */
  url?: string;
}

export interface Resource {
  url: string;
  host: string;
  kind: ResourceKind;
  renderBlocking: boolean;
  /** True for URL literals found in inline scripts (not proof of a request). */
  inferred?: boolean;
  /** The element's `integrity` attribute exactly as written, when it had one (scripts, stylesheets, preloads). */
  integrity?: string;
  /** Risks of this resource (no_sri, insecure_transport, known_compromised); docs/risks.md. Absent when none. */
  risks?: Risk[];
  // ---- Rendered scans only (absent in static scans) ----
  /**
   * Whether the browser requested it before the scan stopped. `false`: the served HTML names it but the
   * page did not request it within the caps (a lazy image, a script literal, a late timer); it stays in
   * the result so that rendering never loses a host that the static scan finds.
   */
  requested?: boolean;
  /** Chrome's Network.ResourceType, lower-cased ("script", "xhr", "fetch", "ping", "image", "font"…). */
  resourceType?: string;
  initiator?: Initiator;
  method?: string;
  /** HTTP status of the response, when one came. */
  status?: number;
  /** Why no response came: the browser's net error ("net::ERR_NAME_NOT_RESOLVED"), "timeout" or "blocked". */
  failure?: string;
  /** Where `renderBlocking` comes from: the browser's own report, or the markup rules of the static scan. */
  renderBlockingSource?: 'browser' | 'markup';
}

export interface ScanResponse {
  /** How this answer was made. */
  method: ScanMethod;
  /** Set when a rendered scan was wanted (`mode: "auto"`) but the static scan answered instead, and why. */
  fallback?: { code: string; message: string };
  /** Requests the page made that the target policy refused (rendered scans): aborted, and listed here. */
  blocked?: BlockedRequest[];
  page: {
    requestedUrl: string;
    finalUrl: string;
    status: number;
    redirects: string[];
    bytes: number;
    truncated: boolean;
  };
  resources: Resource[];
  /** Distinct hosts of the page and its resources, first the page's own. */
  hosts: string[];
  limits: Record<string, number>;
  /** How the scan went (added by scan): time, parse encoding, what was skipped and which limits cut it. */
  stats?: ScanStats;
}

/** A request (or a connection) of a rendered page that the browser's fence refused. */
export interface BlockedRequest {
  url: string;
  /** Why, for people. */
  reason: string;
  /**
   * Why, as a stable code: a refusal code of the target policy (`private_address`, `port_not_allowed`,
   * `dns_failed`…) or a channel the fence refuses outright (`websocket`, `connection`, `popup`,
   * `request_limit`, `body_too_large`, `speculation_rules`); docs/scan.md lists them.
   */
  code?: string;
}

/** How a rendered scan went (rendered scans only). */
export interface RenderStats {
  /** Requests the fence let through (at most `limits.maxRenderRequests`). */
  requests: number;
  /** Requests and connections the fence refused (all of them; `blocked` lists the first ones). */
  blocked: number;
  /** Whether an open browser session was reused (no browser launch). */
  reusedSession: boolean;
  /** Time to get a browser: launch or reconnect. */
  browserMs: number;
  /** Time from navigation to the end of the render. */
  renderMs: number;
  /** Time from navigation to the page's load event (absent when it never came). */
  loadMs?: number;
  /** Why the scan stopped waiting: the network went quiet, or a cap (docs/scan.md, "When a render stops"). */
  stopReason: 'quiet' | 'afterLoadLimit' | 'timeLimit' | 'requestLimit';
}

export interface ScanStats {
  ms: number;
  encoding: string;
  /** References not listed: not http(s), unparsable, or over a limit. */
  skipped: number;
  /** Names of the `limits` entries that cut something (e.g. "maxPageBytes"). */
  limitsHit: string[];
  stylesheetsRead: number;
  stylesheetsFailed: number;
  parserError?: string;
  /** "hit" when served from the scan cache. */
  cache?: 'hit' | 'miss';
  /** Rendered scans: the browser's side of the scan. */
  render?: RenderStats;
}
