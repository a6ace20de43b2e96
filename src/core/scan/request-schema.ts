/**
 * The body of POST /api/scan: `{ "url": string }`. Only the shape is checked here (400 invalid_request);
 * what makes a URL acceptable (length, scheme, credentials, port, host) is normaliseScanUrl's job, so each
 * rule keeps its own refusal code. Unknown keys are dropped, not refused, so older clients keep working.
 * The OpenAPI document (src/core/openapi/scan.ts) describes requests with this same schema.
 */
import { z } from 'zod';

export const scanRequestSchema = z.object({
  url: z.string().meta({
    description:
      'The page to scan, as a person would paste it: `example.com` means https://example.com/. Only http(s) on the default port; no credentials.',
    examples: ['example.com', 'https://www.example.com/shop'],
  }),
});

export type ScanRequestInput = z.input<typeof scanRequestSchema>;
export type ScanRequest = z.output<typeof scanRequestSchema>;
