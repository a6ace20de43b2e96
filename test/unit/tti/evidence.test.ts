import { describe, expect, it } from 'vitest';
import evidence from '../../../src/data/tti-findings.json';
import { recordProblems, type EvidenceDataset } from '../../../src/core/tti/evidence.ts';
import { MODEL_LIMITS, MODEL_SOURCES, MODEL_VERSION } from '../../../src/core/tti/model-info.ts';
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

  it('reports the version of the shipped parameters', () => {
    expect(MODEL_VERSION).toBe(DEFAULT_PARAMS.version);
  });
});
