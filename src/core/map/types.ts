/**
 * The dependency map as the page builds, shows, exports and saves it. One shape for both methods
 * (static scan and HAR import) so every view below works the same way for either.
 */
import type { Risk, ResolvedHost } from '../resolve/types.ts';

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

export interface MapResource {
  /** Origin and path only: query strings and fragments are dropped (they can carry tokens). */
  url: string;
  host: string;
  type: ResourceType;
  renderBlocking: boolean;
  blockingEvidence: BlockingEvidence;
  /** MIME type as served (HAR only). */
  mimeType?: string;
  /** Host of the script or document that requested it, when the HAR says (tag managers show up here). */
  initiatorHost?: string;
  /** URL literal in an inline script: a likely request, not proof of one (scan only). */
  inferred?: boolean;
  /**
   * SRI as the page's HTML states it, for scripts, stylesheets and module preloads an element of the HTML
   * names: the `integrity` attribute as written, or null when the element has none. Absent when no element
   * names it (a script-inserted request) or the HTML is unknown (a HAR without the page's content).
   */
  integrity?: string | null;
  /** Risks of this resource (src/core/risk: no_sri, insecure_transport, known_compromised). */
  risks?: Risk[];
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
    /** HAR only: whether the file held the page's HTML, so SRI could be checked (docs/risks.md). */
    html?: boolean;
  };
  resources: MapResource[];
  /** Every host of `resources`, resolved and attributed (or carrying the error that stopped it). */
  hosts: ResolvedHost[];
  /** Sister domains the reader confirmed as theirs or rejected (src/core/ownership); kept when saved. */
  ownership?: OwnershipDecision[];
}
