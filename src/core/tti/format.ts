/** Number formatting shared by the page, the OG text and the API descriptions (English, fixed locale). */

const LOCALE = 'en';

/** A signed percentage with one decimal below 10 and none above: "+7.1 %", "−12 %", "0 %". */
export function formatPct(pct: number): string {
  const magnitude = Math.abs(pct);
  const digits = magnitude < 10 ? 1 : 0;
  const rounded = Number(magnitude.toFixed(digits));
  if (rounded === 0) return '0%';
  const sign = pct > 0 ? '+' : '−';
  return `${sign}${rounded.toLocaleString(LOCALE, { maximumFractionDigits: digits })}%`;
}

/** A rate (fraction) as a plain percentage: 0.453 → "45.3%", 0.0045 → "0.45%". */
export function formatRate(rate: number): string {
  const pct = rate * 100;
  // Below 1 % one decimal would turn 0.45 % into "0.5%" (or 0.04 % into "0%"): keep two significant digits.
  const options = pct < 1 ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: 1 };
  return `${pct.toLocaleString(LOCALE, options)}%`;
}

/**
 * Significant digits of the revenue figures: the model's range spans a factor of ten, so "+$28,363" claims
 * a precision the estimate does not have (model-info.ts: "an order of magnitude, not a forecast").
 */
export const MONEY_SIGNIFICANT_DIGITS = 2;

/**
 * Money with the currency's symbol or code: formatMoney(1234.5, 'EUR') → "€1,235" (whole units), or
 * rounded to `significant` digits: formatMoney(28363, 'USD', 2) → "$28,000".
 */
export function formatMoney(amount: number, currency: string, significant?: number): string {
  const digits = significant ? { maximumSignificantDigits: significant } : { maximumFractionDigits: 0 };
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, ...digits }).format(amount);
  } catch {
    // A well-formed but unknown code still deserves a readable amount.
    return `${amount.toLocaleString(LOCALE, digits)} ${currency}`;
  }
}

/** Seconds as people write them: 8.3 → "8.3 s". */
export function formatSeconds(seconds: number): string {
  return `${seconds.toLocaleString(LOCALE, { maximumFractionDigits: 2 })} s`;
}
