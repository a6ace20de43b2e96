/**
 * What GET /api/measure answers: a PageSpeed Insights measurement read down to what the calculator and
 * its third-party section use. The zod mirror for the OpenAPI document is src/core/openapi/measure.ts;
 * a compile-time check there keeps the two the same type.
 */

/** PSI's analysis strategies (its `strategy` parameter), mobile first: the default. */
export const STRATEGIES = ['mobile', 'desktop'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Which Lighthouse audit the third-party figures came from. */
export const THIRD_PARTY_AUDITS = ['third-parties-insight', 'third-party-summary'] as const;
export type ThirdPartyAudit = (typeof THIRD_PARTY_AUDITS)[number];

/** Lighthouse's lab run (simulated device and network), milliseconds; null when the report lacks it. */
export interface LabMetrics {
  ttiMs: number | null;
  tbtMs: number | null;
  lcpMs: number | null;
  fcpMs: number | null;
  lighthouseVersion: string;
  /** Lighthouse's CPU slowdown for the simulated device (configSettings.throttling.cpuSlowdownMultiplier). */
  cpuSlowdown: number;
}

/** The Chrome UX Report's 75th percentile for the page's origin, as PSI returns it (field data). */
export interface FieldMetrics {
  inpMs: number | null;
  lcpMs: number | null;
  /** Always the origin: the issue asks for the origin's field data, which exists far more often than a URL's. */
  scope: 'origin';
}

/** One company's cost on the page, as Lighthouse names it (third-party-web entities). */
export interface ThirdPartyCost {
  entity: string;
  /** Main-thread time on Lighthouse's simulated device (see readThirdParties for the normalisation). */
  mainThreadMs: number;
  transferBytes: number;
  /** Time beyond 50 ms in its long tasks; only older reports (`third-party-summary`) give it. */
  blockingMs?: number;
}

/** "What if their main-thread work ran after interaction?" — see thirdPartyScenario for the assumption. */
export interface ThirdPartyScenario {
  ttiMs: number;
  savedMs: number;
  /** Main-thread time of the listed third parties together. */
  mainThreadMs: number;
  /** True when the scenario stopped at First Contentful Paint (TTI cannot come earlier). */
  flooredAtFcp: boolean;
  assumption: string;
}

/** Something the measurement lacks, as data (never a failed request): a missing metric or audit. */
export interface MeasureNote {
  code: 'tti_missing' | 'lab_metric_missing' | 'third_parties_missing' | 'third_parties_truncated';
  message: string;
}

export interface Measurement {
  /** The normalised URL that was measured. */
  url: string;
  /** Where Lighthouse ended up after redirects. */
  finalUrl: string;
  strategy: Strategy;
  /** When PSI ran Lighthouse (ISO 8601). */
  fetchedAt: string;
  lab: LabMetrics;
  field: FieldMetrics | null;
  thirdParties: ThirdPartyCost[];
  thirdPartyAudit: ThirdPartyAudit | null;
  scenario: ThirdPartyScenario | null;
  notes: MeasureNote[];
}

/** The API's answer: a measurement with its cache state. */
export interface MeasureResponse extends Measurement {
  cache: 'hit' | 'miss';
  /** Until when this measurement is served from cache (ISO 8601). */
  expiresAt: string;
}
