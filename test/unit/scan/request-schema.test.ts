import { describe, expect, it } from 'vitest';
import { scanRequestSchema, type ScanRequest } from '../../../src/core/scan/request-schema.ts';

describe('scanRequestSchema', () => {
  it.each<[string, unknown, ScanRequest]>([
    ['a bare host', { url: 'example.com' }, { url: 'example.com' }],
    ['an empty string (refused later as invalid_url)', { url: '' }, { url: '' }],
    ['unknown keys, dropped', { url: 'a.b', page: 1 }, { url: 'a.b' }],
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
  ])('refuses %s, naming the field', (_label, input, path) => {
    const result = scanRequestSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('leaves the URL length to normaliseScanUrl (its own code, invalid_url)', () => {
    expect(scanRequestSchema.safeParse({ url: 'x'.repeat(100_000) }).success).toBe(true);
  });
});
