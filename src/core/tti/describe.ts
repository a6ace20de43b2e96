import { formatMoney, formatPct, formatRate, formatSeconds } from './format.ts';
import type { TtiResult } from './types.ts';

export { formatMoney, formatPct, formatRate, formatSeconds };

/** A signed amount: "+€1,200" / "−€300". */
function signedMoney(amount: number, currency: string): string {
  const text = formatMoney(Math.abs(amount), currency);
  if (Math.round(amount) === 0) return text;
  return `${amount > 0 ? '+' : '−'}${text}`;
}

/**
 * Plain-language sentences with the numbers, for the OG title/description and the page's explanation.
 * Text only states what the result holds; the caveats live in model-info.ts.
 */
export function describeResult(result: TtiResult): {
  title: string;
  description: string;
  sentences: string[];
} {
  const { input, conversion, bounce, revenue } = result;
  const from = formatSeconds(input.current);
  const to = formatSeconds(input.target);
  const faster = result.effective.target < result.effective.current;
  const same = result.effective.target === result.effective.current;
  const verb = same ? 'Keeping' : faster ? 'Cutting' : 'Letting';
  const move = same
    ? `TTI at ${from}`
    : faster
      ? `TTI from ${from} to ${to}`
      : `TTI grow from ${from} to ${to}`;
  const title = `${verb} ${move}: ${formatPct(conversion.liftPct)} conversions`;

  const range = `${formatPct(conversion.lowPct)} to ${formatPct(conversion.highPct)}`;
  const sentences: string[] = [
    `${verb} ${move} changes the conversion rate by about ${formatPct(conversion.liftPct)}, based on before/after and A/B case studies; the published evidence spans ${range}.`,
    `The bounce rate moves from ${formatRate(bounce.currentRate)} to ${formatRate(bounce.targetRate)} (${formatPct(bounce.changePct)} relative)${bounce.currentRateSource === 'default' ? ', starting from a typical rate because none was given' : ''}.`,
  ];
  if (revenue) {
    const c = revenue.currency;
    sentences.push(
      `With ${formatMoney(revenue.monthlyBaseline, c)} of monthly revenue, that is ${signedMoney(revenue.monthlyDelta.central, c)} a month (${signedMoney(revenue.monthlyDelta.low, c)} to ${signedMoney(revenue.monthlyDelta.high, c)}) or ${signedMoney(revenue.yearlyDelta.central, c)} a year.`,
    );
  }
  for (const flag of result.flags) if (flag.code !== 'default_used') sentences.push(flag.message);

  const description = [
    `Estimated conversion change ${formatPct(conversion.liftPct)} (range ${range})`,
    `bounce rate ${formatRate(bounce.currentRate)} → ${formatRate(bounce.targetRate)}`,
    ...(revenue ? [`${signedMoney(revenue.yearlyDelta.central, revenue.currency)} a year`] : []),
  ].join('; ');
  return { title, description: `${description}.`, sentences };
}
