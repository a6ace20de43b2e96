import type { Resource, ResourceKind } from '../scan/types.ts';
import { MAX_HOSTS, MAX_RESOURCE_URL_LENGTH, MAX_RESOURCES } from './limits.ts';

/**
 * Collects the resources of one page: resolves each raw URL against the document's base URL, keeps only
 * http(s) (data:, javascript:, blob:, about:, mailto: … fetch nothing from a host), removes duplicates and
 * enforces the resource, host and URL-length limits. The page's own host is always the first host.
 */

export interface CollectorLimits {
  maxResources: number;
  maxHosts: number;
  maxUrlLength: number;
}

export interface CollectorStats {
  /** References that were not http(s) after resolution, unparsable or too long. */
  skipped: number;
  /** Named limits that dropped at least one resource. */
  limitsHit: string[];
}

export interface AddOptions {
  inferred?: boolean;
  /** The referencing element's `integrity` attribute as written (element-rules.ts FoundUrl). */
  integrity?: string;
  /** Resolve against this URL instead of the document base (URLs inside a stylesheet). */
  against?: URL;
}

export class ResourceCollector {
  private base: URL;
  private baseFrozen = false;
  private readonly byKey = new Map<string, Resource>();
  private readonly urlsSeen = new Set<string>();
  private readonly hostOrder: string[];
  private readonly hostSet: Set<string>;
  private skippedCount = 0;
  private readonly limitsHitSet = new Set<string>();

  constructor(
    private readonly documentUrl: URL,
    private readonly limits: CollectorLimits = {
      maxResources: MAX_RESOURCES,
      maxHosts: MAX_HOSTS,
      maxUrlLength: MAX_RESOURCE_URL_LENGTH,
    },
  ) {
    this.base = documentUrl;
    this.hostOrder = [documentUrl.hostname];
    this.hostSet = new Set(this.hostOrder);
  }

  /** The document base URL in effect now. */
  get baseUrl(): URL {
    return this.base;
  }

  /**
   * Applies `<base href>`. Only the first `<base>` with an href counts (HTML standard, "frozen base URL");
   * a base that fails to parse, or is data:/javascript:, leaves the document URL in place.
   */
  setBase(href: string): void {
    if (this.baseFrozen) return;
    this.baseFrozen = true;
    try {
      const url = new URL(href.trim(), this.documentUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') this.base = url;
    } catch {
      // unparsable: the document URL stays the base
    }
  }

  /** True once no further resource can be added. */
  get full(): boolean {
    return this.byKey.size >= this.limits.maxResources;
  }

  add(raw: string, kind: ResourceKind, renderBlocking: boolean, options: AddOptions = {}): Resource | null {
    if (raw.length > this.limits.maxUrlLength) return this.skip('maxResourceUrlLength');
    let url: URL;
    try {
      url = new URL(raw, options.against ?? this.base);
    } catch {
      return this.skip();
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return this.skip();
    if (url.href.length > this.limits.maxUrlLength) return this.skip('maxResourceUrlLength');
    url.hash = '';
    const href = url.href;
    const inferred = options.inferred === true;
    // A literal in a script adds nothing when the page already references the URL for real.
    if (inferred && this.urlsSeen.has(href)) return null;
    const key = `${kind} ${href}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (renderBlocking) existing.renderBlocking = true;
      // Two elements load the same file: it is only as protected as the one without integrity.
      if (existing.integrity !== undefined && options.integrity === undefined) delete existing.integrity;
      return existing;
    }
    if (this.full) return this.skip('maxResources');
    const host = url.hostname;
    if (!this.hostSet.has(host)) {
      if (this.hostOrder.length >= this.limits.maxHosts) return this.skip('maxHosts');
      this.hostSet.add(host);
      this.hostOrder.push(host);
    }
    const resource: Resource = {
      url: href,
      host,
      kind,
      renderBlocking,
      ...(inferred ? { inferred: true } : {}),
      ...(options.integrity !== undefined ? { integrity: options.integrity } : {}),
    };
    this.byKey.set(key, resource);
    this.urlsSeen.add(href);
    return resource;
  }

  resources(): Resource[] {
    return [...this.byKey.values()];
  }

  /** Distinct hosts, the page's own first (then in order of first reference). */
  hosts(): string[] {
    return [...this.hostOrder];
  }

  stats(): CollectorStats {
    return { skipped: this.skippedCount, limitsHit: [...this.limitsHitSet] };
  }

  /** Records a limit that stopped the scan elsewhere (bytes, time, stylesheet budget). */
  noteLimit(name: string): void {
    this.limitsHitSet.add(name);
  }

  private skip(limit?: string): null {
    this.skippedCount += 1;
    if (limit) this.limitsHitSet.add(limit);
    return null;
  }
}
