import { fit } from '../../data/tti-params.json';
import { curveBounceRate } from './bounce.ts';
import { DEFAULT_BOUNCE_SOURCE, MODEL_FORM } from './compute.ts';
import { formatRate } from './format.ts';
import { TTI_EVIDENCE_CEILING_S, TTI_FLOOR_S } from './limits.ts';
import { DEFAULT_PARAMS } from './params.ts';

/**
 * What the page's explanation section says about the model. Server-side only (the page's model section):
 * it reads the fit report, which the browser bundle leaves out.
 */

export const MODEL_VERSION: string = DEFAULT_PARAMS.version;

const { interventions } = fit.conversion;
/** Intervention studies (one vote each), and how many of them changed more than speed, per their sources. */
export const CASE_STUDIES = {
  count: interventions.studies,
  changedMoreThanSpeed: interventions.records.filter((study) => study.alsoChanged.length > 0).length,
  controlled: interventions.records.filter((study) => study.design === 'A/B').length,
};

const { a, gamma, defaultRate } = DEFAULT_PARAMS.bounce;
/** A TTI at which to quote the fitted curve's own bounce level (the slow end of the usual inputs). */
const CURVE_LEVEL_AT_S = 8;

export const MODEL_FORMULA = {
  short: MODEL_FORM,
  conversion:
    `relative conversion = (current ÷ target)^β, with β = ${DEFAULT_PARAMS.conversion.betaCentral} (headline, ` +
    `median of ${CASE_STUDIES.count} before/after case studies, one vote each), ${DEFAULT_PARAMS.conversion.betaLow} (low, their lower ` +
    `quartile) and ${DEFAULT_PARAMS.conversion.betaHigh} (high, fast-vs-slow sessions of the same sites); ` +
    `TTIs below ${TTI_FLOOR_S} s count as ${TTI_FLOOR_S} s`,
  bounce:
    `logit(bounce at target) = logit(bounce now) + γ·ln(target ÷ current), with γ = ` +
    `${DEFAULT_PARAMS.bounce.gamma} fitted (with a = ${DEFAULT_PARAMS.bounce.a}) on the Google/SOASTA 2017 ` +
    `bounce curve and DoubleClick's 5 s vs 19 s comparison; without a bounce rate the starting point is ` +
    `${DEFAULT_PARAMS.bounce.defaultRate * 100}%, ${DEFAULT_BOUNCE_SOURCE}. That curve sits at about ` +
    `${formatRate(curveBounceRate(1, a, gamma))} bounce at 1 s and ${formatRate(curveBounceRate(CURVE_LEVEL_AT_S, a, gamma))} ` +
    `at ${CURVE_LEVEL_AT_S} s; γ is applied from your rate (or ${formatRate(defaultRate)}) on the log-odds scale, so the ` +
    `odds ratio carries over, not the relative change`,
  revenue:
    'revenue change = sessions × conversion rate × order value × relative conversion change (per month; ×12 per year)',
} as const;

export const MODEL_LIMITS: readonly string[] = [
  'TTI is rarely the metric the studies measured: most report page load time, LCP or FCP. The model assumes a relative change in TTI acts like the same relative change in those.',
  'Lighthouse 10 (2023) removed TTI from its performance score; Total Blocking Time is its lab successor and Interaction to Next Paint (INP) its field successor.',
  'The high end comes from cross-sectional data (fast vs slow sessions of the same sites), which mixes cause with selection: fast sessions come from better devices and networks and from more engaged visitors.',
  'Effect sizes vary widely by vertical, device and audience; case studies that found nothing are seldom published, so even the headline may be optimistic.',
  `Below ${TTI_FLOOR_S} s the evidence shows no further gain, so faster inputs are evaluated at ${TTI_FLOOR_S} s; above ${TTI_EVIDENCE_CEILING_S} s the curves are extrapolated.`,
  `The case studies compare a site before and after a change; ${CASE_STUDIES.controlled === 0 ? 'none' : CASE_STUDIES.controlled} of the ${CASE_STUDIES.count} is a controlled A/B test, and ${CASE_STUDIES.changedMoreThanSpeed} changed more than speed at the same time (layout stability, input delay). Their whole effect is attributed to speed.`,
  'The bounce curve was published by Google/SOASTA for mobile ad landing pages (2017) as relative increases only; its level is pinned by one more comparison (DoubleClick 2016), so give your own bounce rate when you know it.',
  `The bounce slope was fitted on a curve where bounce runs from ${formatRate(curveBounceRate(1, a, gamma))} at 1 s to ${formatRate(curveBounceRate(10, a, gamma))} at 10 s; applied from a higher rate it moves the rate by the same odds ratio, which is a smaller relative change. Observed bounce changes in the case studies go both ways: some fell far more than the model predicts, some less (see "How well the model predicts").`,
  'Deloitte "Milliseconds Make Millions" (2020) reports effects per 0.1 s from a regression over four metrics at once; it is cited but not fitted, as it cannot be extrapolated to whole seconds.',
  'The revenue figure assumes order value and traffic stay constant; it is an order of magnitude, not a forecast.',
];

export interface ModelSource {
  label: string;
  url: string;
  year: number;
  /** What the source is to the model: fitted evidence, a number used as is, cited only, or background. */
  role: 'fitted' | 'reference' | 'cited' | 'background';
}

/** The studies behind the numbers, and the ones the limits cite. Fitted and cited URLs all appear in
 * src/data/tti-findings.json (a unit test checks it). */
export const MODEL_SOURCES: readonly ModelSource[] = [
  {
    label: 'Google/SOASTA: mobile page speed industry benchmarks (bounce probability by load time)',
    url: 'https://www.thinkwithgoogle.com/marketing-strategies/app-and-mobile/mobile-page-speed-new-industry-benchmarks/',
    year: 2017,
    role: 'fitted',
  },
  {
    label: 'DoubleClick: The Need for Mobile Speed (bounce rate, 5 s vs 19 s sites)',
    url: 'https://www.doubleclickbygoogle.com/articles/mobile-speed-matters/',
    year: 2016,
    role: 'fitted',
  },
  {
    label: 'Akamai/SOASTA: State of Online Retail Performance, Spring 2017 (conversion vs load time)',
    url: 'https://www.warc.com/NewsAndOpinion/news/Milliseconds_matter_in_online_retail/e5c9f540-5630-4ae7-902c-ea453032dba6',
    year: 2017,
    role: 'fitted',
  },
  {
    label: 'Akamai/SOASTA 2017: average bounce rates (the default bounce rate)',
    url: 'https://www.apmdigest.com/ecommerce-secrets-retail-success-2',
    year: 2017,
    role: 'reference',
  },
  {
    label: 'Portent: site speed and conversion rate (2019 and 2022 studies)',
    url: 'https://www.portent.com/blog/analytics/research-site-speed-hurting-everyones-revenue.htm',
    year: 2022,
    role: 'fitted',
  },
  {
    label: 'SOASTA mobile retail case study (conversion rate by load time)',
    url: 'https://support.google.com/google-ads/answer/7336278',
    year: 2015,
    role: 'fitted',
  },
  {
    label: 'AliExpress (via WPO Stats)',
    url: 'https://wpostats.com/2016/12/27/aliexpress-load-time.html',
    year: 2016,
    role: 'fitted',
  },
  {
    label: 'Pinterest Engineering: driving user growth with performance improvements',
    url: 'https://medium.com/pinterest-engineering/driving-user-growth-with-performance-improvements-cfc50dafadd7',
    year: 2017,
    role: 'fitted',
  },
  {
    label: 'redBus: INP and sales (web.dev; not fitted, as INP is not a loading time)',
    url: 'https://web.dev/redbus-inp/',
    year: 2023,
    role: 'cited',
  },
  { label: 'Swappie (web.dev)', url: 'https://web.dev/swappie/', year: 2021, role: 'fitted' },
  {
    label: 'Carpe (Shopify performance blog)',
    url: 'https://performance.shopify.com/blogs/blog/how-carpe-achieved-record-breaking-sales-by-focusing-on-performance-optimization',
    year: 2023,
    role: 'fitted',
  },
  {
    label: 'Shopzilla (Velocity 2009)',
    url: 'http://velocityconf.com/velocity2009/public/schedule/detail/7709',
    year: 2009,
    role: 'fitted',
  },
  {
    label: 'Intuit (Velocity NY 2013)',
    url: 'http://velocityconf.com/velocityny2013/public/schedule/detail/30146',
    year: 2013,
    role: 'fitted',
  },
  {
    label: 'Yelp Engineering: conversion and UX performance wins',
    url: 'https://engineeringblog.yelp.com/2021/01/boosting-user-conversion-with-ux-performance-wins.html',
    year: 2021,
    role: 'fitted',
  },
  {
    label: 'QuintoAndar (web.dev)',
    url: 'https://web.dev/case-studies/quintoandar',
    year: 2021,
    role: 'fitted',
  },
  {
    label: 'Sunday Citizen (Shopify performance blog)',
    url: 'https://performance.shopify.com/blogs/blog/how-sunday-citizen-improved-conversions-by-focusing-on-performance',
    year: 2022,
    role: 'fitted',
  },
  {
    label: 'Relive (Shopify performance blog)',
    url: 'https://performance.shopify.com/blogs/blog/relive-case-study',
    year: 2025,
    role: 'fitted',
  },
  {
    label: 'Deloitte/55 for Google: Milliseconds Make Millions',
    url: 'https://web.dev/milliseconds-make-millions/',
    year: 2020,
    role: 'cited',
  },
  {
    label: 'Lighthouse 10.0 release notes (TTI leaves the performance score)',
    url: 'https://github.com/GoogleChrome/lighthouse/releases/tag/v10.0.0',
    year: 2023,
    role: 'background',
  },
  { label: 'web.dev: Time to Interactive', url: 'https://web.dev/tti/', year: 2020, role: 'background' },
];
