/** Bindings and variables of the Pages project (wrangler.jsonc, .dev.vars, --binding). */
declare namespace Cloudflare {
  interface Env {
    /** Reports, scan cache and the provider range table. Local file-backed KV under `wrangler pages dev`. */
    KV: KVNamespace;
    /** Static assets (dist/). */
    ASSETS: Fetcher;
    /** Comma-separated RFC 8484 DoH URLs tried in order; empty means Cloudflare, then Google. */
    DOH_UPSTREAMS?: string;
    /** Comma-separated origins exempt from the scanner's address and port checks; empty by default. */
    SCAN_ALLOWED_ORIGINS?: string;
    /** "cymru" (default) or "off": where origin ASNs come from. */
    ASN_SOURCE?: string;
    /**
     * Public origin (https://tools.example.org) for absolute URLs in meta tags (og:image); unset, each
     * request's own origin. The build reads the same name for the static pages (astro.config.mjs).
     */
    SITE_URL?: string;
    /** Per-client limit on /api/scan, /api/resolve, POST /api/reports; "0" = off; unset = RATE_LIMITS. */
    RATE_LIMIT_PER_MINUTE?: string;
    /** PageSpeed Insights' runPagespeed URL for /api/measure; empty means Google's (the demo points it at a fixture). */
    PSI_ENDPOINT?: string;
    /** Secret (`wrangler pages secret put PSI_API_KEY`): a Google API key; without it the shared public quota applies. */
    PSI_API_KEY?: string;
    /** Milliseconds /api/measure waits for PSI; can only shorten MEASURE_TIME_LIMIT_MS (60 s). */
    PSI_TIME_LIMIT_MS?: string;
    /**
     * Browser Rendering ("browser": {"binding": "BROWSER"} in wrangler.jsonc): rendered scans. Optional: a
     * deployment without it answers `mode: "auto"` statically (docs/scan.md).
     */
    BROWSER?: Fetcher;
  }
}

// The global Env is Cloudflare.Env, so `env` from cloudflare:test/cloudflare:workers has the same type.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an alias that merges, on purpose
interface Env extends Cloudflare.Env {}
