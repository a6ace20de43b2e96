import { describe, expect, it } from 'vitest';
import evidence from '../../../src/data/tti-findings.json';
import { recordProblems, type EvidenceDataset } from '../../../src/core/tti/evidence.ts';
import {
  CASE_STUDIES,
  MODEL_FORMULA,
  MODEL_LIMITS,
  MODEL_SOURCES,
} from '../../../src/core/tti/model-info.ts';
import { DEFAULT_PARAMS } from '../../../src/core/tti/params.ts';

const dataset = evidence as EvidenceDataset;

describe('src/data/tti-findings.json', () => {
  it('has a provenance header with source, date, licence and how to regenerate', () => {
    expect(Object.keys(dataset.provenance)).toEqual(
      expect.arrayContaining(['compiledFrom', 'transcribed', 'licence', 'regenerate']),
    );
  });

  it.each(dataset.records.map((record) => [record.id, record] as const))('%s is sound', (_id, record) => {
    expect(recordProblems(record)).toEqual([]);
    expect(record.year).toBeGreaterThanOrEqual(2000);
    expect(record.source.length).toBeGreaterThan(3);
  });

  it('has unique ids and every class the fit needs', () => {
    const ids = dataset.records.map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    const classes = new Set(dataset.records.map((record) => record.class));
    for (const name of ['intervention', 'cross-sectional', 'bounce-curve', 'reference'] as const)
      expect(classes.has(name)).toBe(true);
  });
});

describe('model-info', () => {
  it('cites, for every fitted, reference or cited source, a URL that is in the evidence', () => {
    const urls = new Set(dataset.records.flatMap((record) => [record.url, record.via]));
    for (const source of MODEL_SOURCES.filter((s) => s.role !== 'background'))
      expect(urls).toContain(source.url);
  });

  it('names every fitted study among its sources', () => {
    const cited = new Set(MODEL_SOURCES.map((source) => source.url));
    for (const record of dataset.records.filter((r) =>
      ['intervention', 'cross-sectional', 'bounce-curve'].includes(r.class),
    ))
      expect(cited, record.id).toContain(record.url);
  });

  it('states the limits the model must disclose', () => {
    const text = MODEL_LIMITS.join(' ');
    for (const phrase of [
      /load time, LCP or FCP/,
      /Lighthouse 10/,
      /Total Blocking Time/,
      /INP/,
      /selection/,
      /vertical/,
    ])
      expect(text).toMatch(phrase);
  });

  it('marks as fitted only sources with a fitted record, and names redBus as not fitted', () => {
    const fitted = new Set(
      dataset.records
        .filter((r) => ['intervention', 'cross-sectional', 'bounce-curve'].includes(r.class))
        .map((r) => r.url),
    );
    for (const source of MODEL_SOURCES.filter((s) => s.role === 'fitted'))
      expect(fitted, source.label).toContain(source.url);
    expect(MODEL_SOURCES.find((s) => s.url === 'https://web.dev/redbus-inp/')?.role).toBe('cited');
  });

  it('states each shipped elasticity and γ in the formula the page shows', () => {
    const { betaCentral, betaLow, betaHigh } = DEFAULT_PARAMS.conversion;
    for (const beta of [betaCentral, betaLow, betaHigh])
      expect(MODEL_FORMULA.conversion).toContain(`${beta}`);
    expect(MODEL_FORMULA.bounce).toContain(`γ = ${DEFAULT_PARAMS.bounce.gamma}`);
    // γ applied from a rate other than the curve's own level: the page must say how (decision 5).
    expect(MODEL_FORMULA.bounce).toMatch(/odds ratio carries over/);
  });

  it('calls the case studies what the evidence says they are', () => {
    const interventions = dataset.records.filter((r) => r.class === 'intervention');
    const groups = new Set(interventions.map((r) => r.group));
    expect(CASE_STUDIES.count).toBe(groups.size);
    expect(CASE_STUDIES.controlled).toBe(interventions.filter((r) => r.design === 'A/B').length);
    const changedMore = new Set(
      interventions.filter((r) => (r.also_changed ?? []).length > 0).map((r) => r.group),
    );
    expect(CASE_STUDIES.changedMoreThanSpeed).toBe(changedMore.size);
    const text = [MODEL_FORMULA.conversion, ...MODEL_LIMITS].join(' ');
    expect(text).not.toMatch(/A\/B case stud/);
    expect(text).toMatch(new RegExp(`${CASE_STUDIES.changedMoreThanSpeed} changed more than speed`));
  });
});
