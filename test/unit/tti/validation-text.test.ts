import { describe, expect, it } from 'vitest';
import validation from '../../../src/data/tti-validation.json';
import {
  bounceTable,
  decisionRows,
  formatPp,
  sensitivityTable,
  studiesTable,
  validationPoints,
  validationSentences,
  type ValidationData,
} from '../../../src/components/tti/validation-text.ts';
import { formatPct } from '../../../src/core/tti/format.ts';

const { conversion, bounce } = validation.summary;

describe('validationSentences (the words of /tti/ "How well the model predicts")', () => {
  const text = validationSentences();

  it('states the median miss in percentage points and names the two biggest misses', () => {
    expect(text.prediction).toContain(`${conversion.studies} times`);
    expect(text.prediction).toContain(
      `median) is ${conversion.medianAbsErrorPp.toFixed(1)} percentage points`,
    );
    const misses = [...validation.conversion.studies].sort(
      (a, b) => Math.abs(b.errorPp) - Math.abs(a.errorPp),
    );
    for (const study of misses.slice(0, 2)) expect(text.prediction).toContain(study.label.split(' ')[0]);
  });

  it('states the coverage both ways, with the misses on each side', () => {
    expect(text.coverage).toMatch(
      new RegExp(
        `^${conversion.inShippedRange} of ${conversion.studies} studies .*; ${conversion.belowShippedRange} found less .* and ${conversion.aboveShippedRange} more .*${conversion.inHeldOutRange} of ${conversion.studies} fall inside\\.$`,
      ),
    );
  });

  it('calls the studies before/after, never A/B case studies', () => {
    const changedMore = validation.conversion.studies.filter((s) => s.alsoChanged.length > 0).length;
    expect(text.design).toContain('before/after case studies');
    expect(text.design).toContain('none a controlled A/B test');
    expect(text.design).toContain(`${changedMore} changed more than speed`);
  });

  it('says how far the judgement calls move the example, from the previous fit to the shipped one', () => {
    const rows = validation.sensitivity.conversion;
    for (const id of ['previous', 'shipped']) {
      const { example } = rows.find((r) => r.id === id)!;
      expect(text.decisions).toContain(
        `${formatPct(example.centralPct)} (range ${formatPct(example.lowPct)} to ${formatPct(example.highPct)})`,
      );
    }
    expect(text.decisions).toContain('raises the headline');
  });

  it('says "lowers" when the rules lower the headline', () => {
    const copy = JSON.parse(JSON.stringify(validation)) as ValidationData;
    copy.sensitivity.conversion.find((r) => r.id === 'previous')!.example.centralPct = 50;
    expect(validationSentences(copy).decisions).toContain('lowers the headline');
  });

  it('reports the bounce checks on both sides, and the findings that cannot be checked', () => {
    expect(text.bounce).toContain(`${bounce.checks} case studies`);
    expect(text.bounce).toContain(`smaller drop than observed for ${bounce.smallerThanObserved}`);
    expect(text.bounce).toContain(`larger one for ${bounce.largerThanObserved}`);
    expect(text.bounce).toContain(`${validation.bounce.notCheckable.length} other bounce`);
  });

  it('says where γ was fitted and what applying it from another rate gives', () => {
    const { fromDefault, fromCurveLevel } = validation.sensitivity.bounce.example;
    expect(text.bounceSlope).toContain(formatPct(fromDefault.changePct));
    expect(text.bounceSlope).toContain(formatPct(fromCurveLevel.changePct));
    expect(text.bounceSlope).toMatch(/odds of bouncing change by the same factor/);
  });
});

describe('tables and chart points of the section', () => {
  it('has one study row, one chart point and one bounce row per shipped entry, each as wide as its headings', () => {
    expect(studiesTable().rows).toHaveLength(validation.conversion.studies.length);
    expect(validationPoints()).toHaveLength(validation.conversion.studies.length);
    expect(bounceTable().rows).toHaveLength(validation.bounce.checks.length);
    expect(sensitivityTable().rows).toHaveLength(validation.sensitivity.conversion.length);
    for (const table of [studiesTable(), sensitivityTable(), bounceTable()])
      for (const row of table.rows)
        expect(row.cells.length + 1, `${table.caption}: ${row.id}`).toBe(table.headings.length);
  });

  it('marks a study inside, below or above the range in words, as the chart marks it', () => {
    const points = validationPoints();
    const column = studiesTable().headings.indexOf('Inside') - 1;
    studiesTable().rows.forEach((row, i) => {
      expect(['yes', 'no, less', 'no, more']).toContain(row.cells[column]);
      expect(row.cells[column] === 'yes').toBe(points[i]!.inside);
    });
  });

  it('states the example of the sensitivity table in its heading', () => {
    const { current, target } = validation.sensitivity.example;
    expect(sensitivityTable().headings).toContain(`${current} s → ${target} s: headline (range)`);
  });

  it('formats a miss without its sign', () => {
    expect(formatPp(-13.52)).toBe('13.5 percentage points');
  });
});

describe('decisionRows', () => {
  it('lists every judgement call with its question and rule', () => {
    const rows = decisionRows();
    expect(rows.map((r) => r.id)).toEqual(validation.sensitivity.decisions.map((d) => d.id));
    for (const row of rows) {
      expect(row.question).toMatch(/\?/);
      expect(row.rule.length).toBeGreaterThan(40);
    }
  });
});
