/**
 * The dependency map as the page builds, shows, exports and saves it. One shape for both methods
 * (static scan and HAR import) so every view below works the same way for either.
 */
import type { Risk, ResolvedHost } from '../resolve/types.ts';
import type { InitiatorType, ScanMethod } from '../scan/types.ts';

/**
 * What a resource is for the browser, normalised across the scanner's kinds, Chrome's `_resourceType`
 * and MIME types. It decides the impact class of a resource when its host goes down.
 */
export const RESOURCE_TYPES = [
  'document',
  'iframe',
  'script',
  'stylesheet',
  'font',
  'image',
  'media',
  'fetch',
  'websocket',
  'form',
  'manifest',
  'beacon',
  'hint',
  'other',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Where a render-blocking flag comes from: the browser itself (Chrome's `_renderBlocking`), the static
 * scanner's reading of the markup, or our heuristic for HARs without the flag (docs/mapper.md).
 */
export type BlockingEvidence = 'browser' | 'scan' | 'heuristic';

/**
 * Who requested a resource, as a rendered scan's browser or a HAR says (docs/mapper.md "Chains"): the HTML
 * parser of a document or stylesheet, a script, a redirect from a previous hop, a preload, or something
 * the browser gave no reason for.
 */
export interface MapInitiator {
  type: InitiatorType;
  /** The document, stylesheet, script or previous hop that made the request: origin and path, like `url`. */
  url?: string;
  /** Host of `url`; set exactly when `url` is. */
  host?: string;
}

export interface MapResource {
  /** Origin and path only: query strings and fragments are dropped (they can carry tokens). */
  url: string;
  host: string;
  type: ResourceType;
  renderBlocking: boolean;
  blockingEvidence: BlockingEvidence;
  /** MIME type as served (HAR only). */
  mimeType?: string;
  /**
   * Host of the script or document that requested it, when another host: what reports saved before
   * `initiator` existed carry. Read a resource's loader through `loaderHost` (initiator.ts), never directly.
   */
  initiatorHost?: string;
  /** URL literal in an inline script: a likely request, not proof of one (scan only). */
  inferred?: boolean;
  /** Who requested it (rendered scans, and HARs that say). */
  initiator?: MapInitiator;
  /**
   * Rendered scans: whether the browser requested it. `false`: the served HTML names it, but the page did
   * not request it within the scan's caps. Absent for static scans (nothing is requested) and HARs (all were).
   */
  requested?: boolean;
  /** HTTP status of the response, when one came (rendered scans, HARs). */
  status?: number;
  /** Why no response came: a browser net error ("net::ERR_NAME_NOT_RESOLVED"), "timeout" or "blocked". */
  failure?: string;
  /**
   * SRI as the page's HTML states it, for scripts, stylesheets and module preloads an element of the HTML
   * names: the `integrity` attribute as written, or null when the element has none. Absent when no element
   * names it (a script-inserted request) or the HTML is unknown (a HAR without the page's content).
   */
  integrity?: string | null;
  /** Risks of this resource (src/core/risk: no_sri, insecure_transport, known_compromised). */
  risks?: Risk[];
}

/** A request of the page that the rendered scan's target policy refused (docs/scan.md). */
export interface BlockedRequest {
  /** Origin and path of the target, or only its scheme ("file:", "data:") when it names no network host. */
  url: string;
  /** The policy's reason, as the scan gave it (a refusal code such as "private_address"). */
  reason: string;
}

/** The reader's answer to "probably yours" for a site (registrable domain): src/core/ownership. */
export interface OwnershipDecision {
  site: string;
  decision: 'yours' | 'not-yours';
}

export type MapMethod = 'scan' | 'har';

export interface DependencyReport {
  /** Bumped when the shape changes; saved reports carry it. */
  version: 1;
  method: MapMethod;
  /** The page mapped (final URL after redirects), when known. */
  page: string | null;
  /** ISO 8601 time the map was made. */
  createdAt: string;
  /** Where the resources came from: the HAR's creator and counts, or the scanner's page facts. */
  source: {
    tool?: string;
    entries?: number;
    pages?: number;
    skipped?: number;
    truncated?: boolean;
    /** Scans: how the page was seen. Reports saved before rendered scans existed have none (they were static). */
    scanMethod?: ScanMethod;
    /** A rendered scan was asked for, but the static scan answered: the API's code and message. */
    fallback?: { code: string; message: string };
    /** Requests of the page the target policy refused (rendered scans), at most MAX_REPORT_BLOCKED. */
    blocked?: BlockedRequest[];
    /** HAR only: whether the file held the page's HTML, so SRI could be checked (docs/risks.md). */
    html?: boolean;
  };
  resources: MapResource[];
  /** Every host of `resources`, resolved and attributed (or carrying the error that stopped it). */
  hosts: ResolvedHost[];
  /** Sister domains the reader confirmed as theirs or rejected (src/core/ownership); kept when saved. */
  ownership?: OwnershipDecision[];
}
