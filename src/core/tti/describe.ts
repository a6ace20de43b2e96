import { formatMoney, formatPct, formatRate, formatSeconds, MONEY_SIGNIFICANT_DIGITS } from './format.ts';
import { BOUNCE_RATE_MAX, BOUNCE_RATE_MIN, TTI_FLOOR_S } from './limits.ts';
import type { InputFlag, TtiResult } from './types.ts';

export { formatMoney, formatPct, formatRate, formatSeconds };

/** A signed amount rounded to MONEY_SIGNIFICANT_DIGITS: "+€28,000" / "−€300". */
export function signedMoney(amount: number, currency: string): string {
  const text = formatMoney(Math.abs(amount), currency, MONEY_SIGNIFICANT_DIGITS);
  if (Number(Math.abs(amount).toPrecision(MONEY_SIGNIFICANT_DIGITS)) === 0) return text;
  return `${amount > 0 ? '+' : '−'}${text}`;
}

const FLOOR = formatSeconds(TTI_FLOOR_S);
/** Why inputs below the floor change nothing, in the words of limits.ts (TTI_FLOOR_S). */
const FLOOR_REASON = `Below ${FLOOR} the evidence shows no further gain`;

/**
 * A flag as the page says it: percent for rates (the form is in percent), the typed value for TTI.
 * GET /api/tti keeps the model's own messages in `flags[].message` (fractions, as its input).
 */
function flagSentence(flag: InputFlag, result: TtiResult): string {
  const { input } = result;
  if (flag.code !== 'clamped') return flag.message;
  if (flag.field === 'bounceRate') {
    return `A bounce rate of ${formatRate(input.bounceRate ?? 0)} was evaluated as ${formatRate(result.bounce.currentRate)}: the model works with rates from ${formatRate(BOUNCE_RATE_MIN)} to ${formatRate(BOUNCE_RATE_MAX)}.`;
  }
  return `${FLOOR_REASON}, so the ${flag.field} TTI of ${formatSeconds(input[flag.field])} is evaluated as ${FLOOR}.`;
}

/**
 * Plain-language sentences with the numbers, for the OG title/description and the page's explanation.
 * Text only states what the result holds; the caveats live in model-info.ts.
 *
 * The model evaluates `result.effective` (inputs below the 1 s floor become 1 s), but the text always
 * names the typed values: someone who asked for 0.9 s → 0.5 s must see those numbers, and why nothing
 * changes between them ("no change below 1 s", never "0% conversions").
 */
export function describeResult(result: TtiResult): {
  title: string;
  description: string;
  sentences: string[];
} {
  const { input, effective, conversion, bounce, revenue } = result;
  const from = formatSeconds(input.current);
  const to = formatSeconds(input.target);
  const same = input.target === input.current;
  const unchanged = effective.target === effective.current;
  // Effective values decide the direction, unless both sit on the floor: then only the typed ones can.
  const faster = unchanged ? input.target < input.current : effective.target < effective.current;
  const move = same
    ? `Keeping TTI at ${from}`
    : faster
      ? `Cutting TTI from ${from} to ${to}`
      : `Letting TTI grow from ${from} to ${to}`;
  const lift = formatPct(conversion.liftPct);
  const title = unchanged
    ? `${move}: no change${same ? '' : ` below ${FLOOR}`}`
    : `${move}: ${lift === '0%' ? 'no measurable change' : `${lift} conversions`}`;

  const range = `${formatPct(conversion.lowPct)} to ${formatPct(conversion.highPct)}`;
  const rates = `${formatRate(bounce.currentRate)} → ${formatRate(bounce.targetRate)}`;
  const defaultNote =
    bounce.currentRateSource === 'default' ? ', a typical starting rate as none was given' : '';
  const sentences: string[] = unchanged
    ? [
        same ? `${title}.` : `${FLOOR_REASON}: ${from} → ${to} is estimated at 0% change.`,
        `The bounce rate stays at ${formatRate(bounce.currentRate)}${defaultNote}.`,
      ]
    : [
        `${move} changes the conversion rate by about ${lift}, based on before/after case studies; the model's range is ${range}.`,
        `The bounce rate moves ${rates} (${formatPct(bounce.changePct)} relative)${defaultNote}.`,
      ];
  const c = revenue?.currency ?? '';
  const money = (r: { central: number; low: number; high: number }, each: string) =>
    `${signedMoney(r.central, c)} a ${each} (range ${signedMoney(r.low, c)} to ${signedMoney(r.high, c)})`;
  if (revenue && !unchanged) {
    sentences.push(
      `With ${formatMoney(revenue.monthlyBaseline, c)} of monthly revenue, that is about ${money(revenue.monthlyDelta, 'month')} or ${money(revenue.yearlyDelta, 'year')}.`,
    );
  }
  for (const flag of result.flags) {
    // The default is said above; with both inputs on the floor so is the clamping of TTI.
    if (flag.code !== 'default_used' && !(unchanged && flag.field !== 'bounceRate'))
      sentences.push(flagSentence(flag, result));
  }

  const description = unchanged
    ? `${sentences[0]!.slice(0, -1)}; bounce rate ${formatRate(bounce.currentRate)}`
    : [
        `Estimated conversion change ${lift} (range ${range})`,
        `bounce rate ${rates}`,
        ...(revenue ? [money(revenue.yearlyDelta, 'year')] : []),
      ].join('; ');
  return { title, description: `${description}.`, sentences };
}
