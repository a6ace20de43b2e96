import { describe, expect, it } from 'vitest';
import { scanRequestSchema, type ScanRequest } from '../../../src/core/scan/request-schema.ts';

describe('scanRequestSchema', () => {
  it.each<[string, unknown, ScanRequest]>([
    ['a bare host, mode auto by default', { url: 'example.com' }, { url: 'example.com', mode: 'auto' }],
    ['an empty string (refused later as invalid_url)', { url: '' }, { url: '', mode: 'auto' }],
    ['unknown keys, dropped', { url: 'a.b', page: 1 }, { url: 'a.b', mode: 'auto' }],
    ['mode rendered', { url: 'a.b', mode: 'rendered' }, { url: 'a.b', mode: 'rendered' }],
    ['mode static', { url: 'a.b', mode: 'static' }, { url: 'a.b', mode: 'static' }],
    ['mode auto', { url: 'a.b', mode: 'auto' }, { url: 'a.b', mode: 'auto' }],
  ])('accepts %s', (_label, input, expected) => {
    expect(scanRequestSchema.parse(input)).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ['no url', {}, 'url'],
    ['a number', { url: 42 }, 'url'],
    ['null url', { url: null }, 'url'],
    ['null', null, ''],
    ['an array', ['example.com'], ''],
    ['a string', 'example.com', ''],
    ['an unknown mode', { url: 'a.b', mode: 'browser' }, 'mode'],
    ['a mode in capitals', { url: 'a.b', mode: 'STATIC' }, 'mode'],
    ['a null mode', { url: 'a.b', mode: null }, 'mode'],
  ])('refuses %s, naming the field', (_label, input, path) => {
    const result = scanRequestSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('leaves the URL length to normaliseScanUrl (its own code, invalid_url)', () => {
    expect(scanRequestSchema.safeParse({ url: 'x'.repeat(100_000) }).success).toBe(true);
  });
});
