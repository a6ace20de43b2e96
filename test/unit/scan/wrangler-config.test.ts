import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../../src/core/scan/normalise-url.ts';
import { readJsonc } from '../../../scripts/lib/jsonc.ts';

describe('wrangler.jsonc', () => {
  const config = readJsonc(new URL('../../../wrangler.jsonc', import.meta.url).pathname);
  const vars = config.vars as Record<string, string>;

  it('ships SCAN_ALLOWED_ORIGINS empty: no origin is exempt from the SSRF checks in production', () => {
    expect(vars).toHaveProperty('SCAN_ALLOWED_ORIGINS');
    expect(vars.SCAN_ALLOWED_ORIGINS).toBe('');
    expect(parseAllowedOrigins(vars.SCAN_ALLOWED_ORIGINS).size).toBe(0);
  });

  it('declares the Browser Rendering binding the rendered scan reads (env.BROWSER)', () => {
    expect(config.browser).toEqual({ binding: 'BROWSER' });
  });
});
