import { describe, expect, it } from 'vitest';
import { TTI_QUERY_FIELDS, parseTtiQuery, toTtiQuery } from '../../../src/core/tti/query.ts';
import { ORDER_VALUE_MAX, SESSIONS_MAX, TTI_MAX_S } from '../../../src/core/tti/limits.ts';
import type { TtiInput } from '../../../src/core/tti/types.ts';

const parse = (query: string) => parseTtiQuery(new URLSearchParams(query));

describe('parseTtiQuery: valid queries', () => {
  it.each<[string, string, TtiInput]>([
    ['the two required fields', 'current=8.3&target=5.7', { current: 8.3, target: 5.7 }],
    [
      'every field',
      'current=8.3&target=5.7&bounceRate=0.45&sessions=100000&conversionRate=0.02&orderValue=80&currency=EUR',
      {
        current: 8.3,
        target: 5.7,
        bounceRate: 0.45,
        sessions: 100000,
        conversionRate: 0.02,
        orderValue: 80,
        currency: 'EUR',
      },
    ],
    ['fields in any order', 'target=2&current=4', { current: 4, target: 2 }],
    ['a leading dot and a trailing dot', 'current=.5&target=3.', { current: 0.5, target: 3 }],
    ['surrounding spaces', 'current=%208.3%20&target=5', { current: 8.3, target: 5 }],
    [
      'a lower-case currency (upper-cased)',
      'current=8&target=4&currency=eur',
      { current: 8, target: 4, currency: 'EUR' },
    ],
    [
      'empty optional fields, which are absent',
      'current=8&target=4&bounceRate=&sessions=&conversionRate=&orderValue=&currency=',
      { current: 8, target: 4 },
    ],
    [
      'inclusive bounds',
      `current=${TTI_MAX_S}&target=0.001&bounceRate=1&conversionRate=0`,
      {
        current: TTI_MAX_S,
        target: 0.001,
        bounceRate: 1,
        conversionRate: 0,
      },
    ],
  ])('%s', (_name, query, input) => {
    const parsed = parse(query);
    expect(parsed).toEqual({ ok: true, input, extra: [] });
    if (parsed.ok) for (const value of Object.values(parsed.input)) expect(value).not.toBeUndefined();
  });

  it('keeps unknown parameters, in order, duplicates included', () => {
    expect(parse('utm_source=a&current=8&x=1&target=4&utm_source=b&empty=')).toEqual({
      ok: true,
      input: { current: 8, target: 4 },
      extra: [
        ['utm_source', 'a'],
        ['x', '1'],
        ['utm_source', 'b'],
        ['empty', ''],
      ],
    });
  });

  it('omits absent optional fields entirely (no undefined keys)', () => {
    const parsed = parse('current=8&target=4&currency=');
    expect(parsed.ok && Object.keys(parsed.input)).toEqual(['current', 'target']);
  });
});

describe('parseTtiQuery: invalid values are reported by path', () => {
  it.each<[string, string, string[]]>([
    ['an empty query', '', ['current', 'target']],
    ['a missing target', 'current=8', ['target']],
    ['an empty required field', 'current=&target=4', ['current']],
    ['zero seconds', 'current=0&target=4', ['current']],
    ['a negative number', 'current=-3&target=4', ['current']],
    ['beyond the TTI maximum', `current=8&target=${TTI_MAX_S + 0.1}`, ['target']],
    ['an exponent', 'current=1e1&target=4', ['current']],
    ['hex', 'current=0x10&target=4', ['current']],
    ['a comma decimal', 'current=8,3&target=4', ['current']],
    ['words', 'current=fast&target=slow', ['current', 'target']],
    ['Infinity', 'current=Infinity&target=4', ['current']],
    ['a bounce rate given in percent', 'current=8&target=4&bounceRate=45', ['bounceRate']],
    ['a conversion rate above 1', 'current=8&target=4&conversionRate=2', ['conversionRate']],
    ['too many sessions', `current=8&target=4&sessions=${SESSIONS_MAX * 10}`, ['sessions']],
    ['too large an order value', `current=8&target=4&orderValue=${ORDER_VALUE_MAX * 10}`, ['orderValue']],
    ['a currency that is not three letters', 'current=8&target=4&currency=EURO', ['currency']],
    ['a currency with digits', 'current=8&target=4&currency=E1R', ['currency']],
    ['a field given twice', 'current=8&current=9&target=4', ['current']],
    [
      'several problems, in field order',
      'currency=x&target=a&current=b&bounceRate=7',
      ['current', 'target', 'bounceRate', 'currency'],
    ],
  ])('%s', (_name, query, paths) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path)).toEqual(paths);
    for (const issue of parsed.issues) expect(issue.message).toMatch(/\S/);
  });

  it('keeps the unknown parameters even when the query is invalid', () => {
    expect(parse('utm_campaign=x&current=a').extra).toEqual([['utm_campaign', 'x']]);
  });

  it('says what a good value looks like', () => {
    const parsed = parse('current=8&target=4&bounceRate=45');
    expect(!parsed.ok && parsed.issues[0]!.message).toMatch(/0\.45/);
  });
});

describe('toTtiQuery', () => {
  it('writes the fields in their fixed order, skips absent ones, then appends the extra parameters', () => {
    const query = toTtiQuery(
      { target: 5.7, current: 8.3, currency: 'EUR', bounceRate: undefined, sessions: 1000 },
      [['utm_source', 'news']],
    );
    expect(query.toString()).toBe('current=8.3&target=5.7&sessions=1000&currency=EUR&utm_source=news');
  });

  it('round-trips through parseTtiQuery', () => {
    const input: TtiInput = {
      current: 12.25,
      target: 3,
      bounceRate: 0.515,
      sessions: 2_500_000,
      conversionRate: 0.013,
      orderValue: 54.9,
      currency: 'GBP',
    };
    const extra: Array<[string, string]> = [['ref', 'x y']];
    expect(parseTtiQuery(toTtiQuery(input, extra))).toEqual({ ok: true, input, extra });
    expect(TTI_QUERY_FIELDS.every((field) => toTtiQuery(input).has(field))).toBe(true);
  });
});
