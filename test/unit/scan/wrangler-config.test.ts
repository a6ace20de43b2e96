import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../../src/core/scan/normalise-url.ts';

/** wrangler.jsonc as data: JSON with comments and trailing commas (strings never contain `//` here except URLs, handled). */
function readJsonc(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
}

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
