/**
 * The parts of a PageSpeed Insights v5 answer this API reads, as zod schemas: validation at the edge,
 * for a reply from a service we do not control. Shapes from Google's reference
 * (https://developers.google.com/speed/docs/insights/v5/reference/pagespeedapi/runpagespeed) and
 * Lighthouse's report format; test/fixtures/psi/README.md has a recorded sample and its sources.
 * Every field is optional unless the answer is useless without it, so a report from another Lighthouse
 * version still parses and its gaps become notes.
 */
import * as z from 'zod';

// JSON has no NaN or Infinity, so a JSON number is always finite.
const finite = z.number();

export const lighthouseAuditSchema = z.object({
  numericValue: finite.optional(),
  scoreDisplayMode: z.string().optional(),
  errorMessage: z.string().optional(),
  details: z.unknown().optional(),
});
export type LighthouseAudit = z.output<typeof lighthouseAuditSchema>;

export const lighthouseResultSchema = z.object({
  lighthouseVersion: z.string(),
  requestedUrl: z.string().optional(),
  finalUrl: z.string().optional(),
  finalDisplayedUrl: z.string().optional(),
  fetchTime: z.string().optional(),
  runtimeError: z.object({ code: z.string(), message: z.string().optional() }).optional(),
  configSettings: z
    .object({
      throttlingMethod: z.string().optional(),
      throttling: z.object({ cpuSlowdownMultiplier: finite.optional() }).optional(),
    })
    .optional(),
  audits: z.record(z.string(), lighthouseAuditSchema),
});
export type LighthouseResult = z.output<typeof lighthouseResultSchema>;

/** One CrUX metric of `loadingExperience.metrics`: `percentile` is the 75th (PSI about page). */
const cruxMetricSchema = z.object({ percentile: finite.optional(), category: z.string().optional() });

export const loadingExperienceSchema = z.object({
  id: z.string().optional(),
  metrics: z.record(z.string(), cruxMetricSchema).optional(),
  overall_category: z.string().optional(),
  origin_fallback: z.boolean().optional(),
});
export type LoadingExperience = z.output<typeof loadingExperienceSchema>;

export const psiResultSchema = z.object({
  id: z.string().optional(),
  analysisUTCTimestamp: z.string().optional(),
  loadingExperience: loadingExperienceSchema.optional(),
  originLoadingExperience: loadingExperienceSchema.optional(),
  lighthouseResult: lighthouseResultSchema,
});
export type PsiResult = z.output<typeof psiResultSchema>;

/** Google's error envelope (https://cloud.google.com/apis/design/errors), as PSI sends it. */
export const psiErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z
      .array(
        z.object({
          message: z.string().optional(),
          domain: z.string().optional(),
          reason: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type PsiError = z.output<typeof psiErrorSchema>;
