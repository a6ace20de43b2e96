/**
 * Every bound the TTI model and its query enforce, named and explained once.
 * Sources for the evidence-driven bounds: docs/tti-model.md.
 */

/**
 * Floor of the model, seconds. Below about 1 s the evidence shows no further gain (Akamai/SOASTA 2017
 * peaks at 1.8-2.7 s; SOASTA 2015 saw lower conversion under 2.4 s; Portent's "< 1 s" bucket is open-ended),
 * so faster inputs are evaluated at the floor and flagged `clamped`.
 */
export const TTI_FLOOR_S = 1;

/**
 * Slowest TTI the fitted evidence covers, seconds (DoubleClick 2016 compares 19 s sites, Intuit starts at
 * 15 s, the bounce curve stops at 10 s). Slower inputs are still evaluated but flagged `extrapolated`.
 */
export const TTI_EVIDENCE_CEILING_S = 20;

/** Largest TTI the query accepts, seconds: beyond a minute a page is broken, not slow. */
export const TTI_MAX_S = 60;

/** Bounce rates are kept inside [MIN, MAX] so their log-odds stay finite; outside is flagged `clamped`. */
export const BOUNCE_RATE_MIN = 0.01;
export const BOUNCE_RATE_MAX = 0.99;

/** Sessions per month the query accepts: 100 billion is beyond the largest sites on the web. */
export const SESSIONS_MAX = 1e11;

/** Largest average order value the query accepts, in any currency unit. */
export const ORDER_VALUE_MAX = 1e9;

/** Currency shown when none is given (display only: amounts are never converted). */
export const DEFAULT_CURRENCY = 'USD';

/** Months per year for the yearly revenue figure. */
export const MONTHS_PER_YEAR = 12;

/** Points of the chart curve when the caller gives no `steps`, and the most it may ask for. */
export const CURVE_DEFAULT_STEPS = 60;
export const CURVE_MAX_STEPS = 500;
