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

/** A rate (fraction) as a plain percentage: 0.453 → "45.3%". */
export function formatRate(rate: number): string {
  return `${(rate * 100).toLocaleString(LOCALE, { maximumFractionDigits: 1 })}%`;
}

/** Money in whole units with the currency's symbol or code: formatMoney(1234.5, 'EUR') → "€1,235". */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    // A well-formed but unknown code still deserves a readable amount.
    return `${Math.round(amount).toLocaleString(LOCALE)} ${currency}`;
  }
}

/** Seconds as people write them: 8.3 → "8.3 s". */
export function formatSeconds(seconds: number): string {
  return `${seconds.toLocaleString(LOCALE, { maximumFractionDigits: 2 })} s`;
}
