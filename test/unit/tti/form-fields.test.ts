/**
 * What the form accepts and says (src/components/tti/form-fields.ts): what people paste into a field, the
 * messages for what it cannot read (each with an example that fits the field) and the warnings for rates
 * that look like fractions. The API stays strict: test/unit/tti/query.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  fieldIssues,
  fieldWarnings,
  FORM_FIELDS,
  normaliseNumber,
  type FormField,
  type FormValues,
} from '../../../src/components/tti/form-fields.ts';
import { parseTtiQuery } from '../../../src/core/tti/query.ts';

const form = (values: Partial<FormValues>): FormValues => ({
  ...(Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as FormValues),
  ...values,
});

describe('normaliseNumber: what people paste', () => {
  it.each<[FormField, string, string]>([
    ['current', '8.3 s', '8.3'],
    ['current', '8.3s', '8.3'],
    ['current', ' 8.3 sec ', '8.3'],
    ['current', '8,3', '8.3'],
    ['target', '2,25', '2.25'],
    ['bounceRatePct', '45%', '45'],
    ['bounceRatePct', '45,5 %', '45.5'],
    ['conversionRatePct', '2,5', '2.5'],
    ['sessions', '200,000', '200000'],
    ['sessions', '200 000', '200000'],
    ['sessions', '1\u202f200\u202f000', '1200000'],
    ['orderValue', '$80', '80'],
    ['orderValue', '80 €', '80'],
    ['orderValue', '£1,299.00', '1299.00'],
    ['orderValue', '80.00', '80.00'],
  ])('%s: %j → %j', (field, typed, plain) => expect(normaliseNumber(typed, field)).toBe(plain));

  it.each<[FormField, string]>([
    ['current', '6.5.1'],
    ['current', 'fast'],
    ['current', '8.3 ms'],
    ['sessions', '1,2,3'],
    ['sessions', '200,00,000'],
    ['sessions', '200,000 000'],
    ['sessions', '200k'],
    ['orderValue', '$$80'],
    ['bounceRatePct', '45%%'],
    ['bounceRatePct', '-45'],
  ])('%s: leaves %j for the parser to reject', (field, typed) => {
    const plain = normaliseNumber(typed, field);
    expect(plain).toBe(plain.trim());
    const { query } = canonicalQuery(new URLSearchParams({ current: '8', target: '4', [field]: typed }));
    expect(parseTtiQuery(query).ok).toBe(false);
  });

  it('turns a pasted form into the contract query, and says it changed it', () => {
    const typed = new URLSearchParams({
      current: '8.3 s',
      target: '2,5',
      bounceRatePct: '45%',
      sessions: '200 000',
      conversionRatePct: '2,5',
      orderValue: '$80',
      utm_source: 'a b',
    });
    const { query, changed } = canonicalQuery(typed);
    expect(changed).toBe(true);
    expect([...query]).toEqual([
      ['current', '8.3'],
      ['target', '2.5'],
      ['bounceRate', '0.45'],
      ['sessions', '200000'],
      ['conversionRate', '0.025'],
      ['orderValue', '80'],
      ['utm_source', 'a b'],
    ]);
  });
});

describe('fieldIssues: messages in the form’s words, with an example that fits the field', () => {
  it.each<[string, Partial<FormValues>, FormField, string]>([
    ['current=abc&target=3', { current: 'abc' }, 'current', 'Must be a number such as 8.3.'],
    ['current=&target=3', { current: '' }, 'current', 'Must be a number such as 8.3.'],
    ['current=0&target=3', { current: '0' }, 'current', 'Must be greater than 0.'],
    ['current=8&target=61', { target: '61' }, 'target', 'Must be at most 60.'],
    [
      'current=8&target=4&sessions=lots',
      { sessions: 'lots' },
      'sessions',
      'Must be a number such as 120000.',
    ],
    ['current=8&target=4&orderValue=x', { orderValue: 'x' }, 'orderValue', 'Must be a number such as 80.'],
    [
      'current=8&target=4&bounceRate=4.5',
      { bounceRatePct: '450' },
      'bounceRatePct',
      'Must be a percentage from 0 to 100.',
    ],
    [
      'current=8&target=4&bounceRate=x',
      { bounceRatePct: 'x' },
      'bounceRatePct',
      'Must be a number of percent, such as 45.',
    ],
    [
      'current=8&target=4&conversionRate=x',
      { conversionRatePct: 'x' },
      'conversionRatePct',
      'Must be a number of percent, such as 2.5.',
    ],
    [
      'current=8&target=4&currency=EURO',
      { currency: 'EURO' },
      'currency',
      'Must be a three-letter ISO 4217 code such as EUR.',
    ],
  ])('%s', (query, values, field, message) => {
    const parsed = parseTtiQuery(new URLSearchParams(query));
    expect(parsed.ok).toBe(false);
    const issues = fieldIssues(parsed.ok ? [] : parsed.issues, form(values));
    expect(issues).toEqual([{ field, message }]);
    // The label is not repeated: the result panel puts it in front ("Current TTI: Must be…").
    expect(message).not.toMatch(/TTI|Sessions|Bounce|Conversion|order value|fraction/);
  });

  it('keeps "Given more than once." for a hand-edited link', () => {
    const parsed = parseTtiQuery(new URLSearchParams('current=8&current=7&target=3'));
    expect(fieldIssues(parsed.ok ? [] : parsed.issues, form({ current: '8' }))).toEqual([
      { field: 'current', message: 'Given more than once.' },
    ]);
  });
});

describe('fieldWarnings: a bounce rate typed as a fraction into the percent field', () => {
  it.each<[Partial<FormValues>, Array<{ field: FormField; message: string }>]>([
    [{ bounceRatePct: '0.45' }, [{ field: 'bounceRatePct', message: '0.45% — did you mean 45%?' }]],
    [{ bounceRatePct: '0,5 %' }, [{ field: 'bounceRatePct', message: '0.5% — did you mean 50%?' }]],
    [{ bounceRatePct: '.05' }, [{ field: 'bounceRatePct', message: '0.05% — did you mean 5%?' }]],
    // Ordinary values, empty fields, 0, garbage, and conversion rates (0.5 % is an ordinary shop): nothing to ask.
    [{ bounceRatePct: '45', conversionRatePct: '0.025' }, []],
    [{ bounceRatePct: '1' }, []],
    [{ bounceRatePct: '0' }, []],
    [{ bounceRatePct: '' }, []],
    [{ bounceRatePct: 'x' }, []],
  ])('%j', (values, warnings) => expect(fieldWarnings(form(values))).toEqual(warnings));
});
