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
    /** Per-client limit on /api/scan, /api/resolve, POST /api/reports; "0" = off; unset = RATE_LIMITS. */
    RATE_LIMIT_PER_MINUTE?: string;
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
