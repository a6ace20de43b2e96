import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCspHashes, inlineScriptHashes, withScriptHashes } from '../../../scripts/csp-hashes.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it.each([
    ['classic inline script', '<script>a()</script>', [sha('a()')]],
    ['module inline script', '<script type="module">b()</script>', [sha('b()')]],
    ['type in capitals', "<SCRIPT TYPE='text/javascript'>c()</SCRIPT>", [sha('c()')]],
    ['external script', '<script type="module" src="/_astro/x.js"></script>', []],
    ['JSON-LD data block', '<script type="application/ld+json">{"a":1}</script>', []],
    [
      'byte-exact body (whitespace and non-ASCII count)',
      '<script>\n  d("é")\n</script>',
      [sha('\n  d("é")\n')],
    ],
    ['several, in order', '<script>1</script><p></p><script>2</script>', [sha('1'), sha('2')]],
    ['none', '<p>no scripts</p>', []],
  ])('%s', (_name, html, expected) => {
    expect(inlineScriptHashes(html)).toEqual(expected);
  });
});

describe('withScriptHashes', () => {
  const headers = "/*\n  Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'\n";

  it('appends sorted, de-duplicated hashes to every script-src', () => {
    const twice = `${headers}/tti/*\n  Content-Security-Policy: script-src 'self'; frame-ancestors https:\n`;
    const out = withScriptHashes(twice, ["'sha256-b'", "'sha256-a'", "'sha256-b'"]);
    expect(out.match(/script-src 'self' 'sha256-a' 'sha256-b';/g)).toHaveLength(2);
  });

  it('is idempotent: a second run replaces the first run hashes', () => {
    const once = withScriptHashes(headers, ["'sha256-old'"]);
    expect(withScriptHashes(once, ["'sha256-new'"])).toContain("script-src 'self' 'sha256-new';");
    expect(withScriptHashes(once, [])).toBe(headers);
  });
});

describe('applyCspHashes (on a built folder)', () => {
  it('hashes every page, nested folders included, into _headers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-hashes-'));
    try {
      mkdirSync(join(dir, 'tti'));
      writeFileSync(join(dir, 'index.html'), '<script>x()</script>');
      writeFileSync(join(dir, 'tti', 'index.html'), '<script type="module">y()</script><script>x()</script>');
      writeFileSync(join(dir, '_headers'), "/*\n  Content-Security-Policy: script-src 'self'\n");
      const result = await applyCspHashes(dir);
      expect(result.pages).toBe(2);
      expect(result.hashes).toEqual([sha('x()'), sha('y()')].sort());
      expect(readFileSync(join(dir, '_headers'), 'utf8')).toContain(
        `script-src 'self' ${result.hashes.join(' ')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a _headers without a script-src to extend (a silent no-op would block the site)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-hashes-'));
    try {
      writeFileSync(join(dir, '_headers'), '/*\n  X-Frame-Options: DENY\n');
      await expect(applyCspHashes(dir)).rejects.toThrow(/script-src/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
