/**
 * The body of POST /api/scan: `{ "url": string, "mode"?: "auto" | "rendered" | "static" }`. Only the shape
 * is checked here (400 invalid_request);
 * what makes a URL acceptable (length, scheme, credentials, port, host) is normaliseScanUrl's job, so each
 * rule keeps its own refusal code. Unknown keys are dropped, not refused, so older clients keep working.
 * The OpenAPI document (src/core/openapi/scan.ts) describes requests with this same schema.
 */
import { z } from 'zod';

/** How to scan: in a real browser, from the served HTML, or the browser when there is one (default). */
export const SCAN_MODES = ['auto', 'rendered', 'static'] as const;
export type ScanMode = (typeof SCAN_MODES)[number];

export const scanRequestSchema = z.object({
  url: z.string().meta({
    description:
      'The page to scan, as a person would paste it: `example.com` means https://example.com/. Only http(s) on the default port; no credentials.',
    examples: ['example.com', 'https://www.example.com/shop'],
  }),
  mode: z.enum(SCAN_MODES).default('auto').meta({
    description:
      '`auto` (default): load the page in a real browser when this deployment has one and it is available, else scan the served HTML, saying why in `fallback`. `rendered`: the browser or a 424 `browser_unavailable`. `static`: the served HTML and first-party CSS only (no script runs; faster).',
  }),
});

export type ScanRequestInput = z.input<typeof scanRequestSchema>;
export type ScanRequest = z.output<typeof scanRequestSchema>;
