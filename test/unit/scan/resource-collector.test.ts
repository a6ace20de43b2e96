import { describe, expect, it } from 'vitest';
import { ResourceCollector } from '../../../src/core/scan/resource-collector.ts';

const page = new URL('https://www.example.com/dir/page.html');

describe('ResourceCollector', () => {
  it('resolves against the document, then against the first <base href> only', () => {
    const c = new ResourceCollector(page);
    c.add('a.js', 'script', true);
    c.setBase('https://cdn.example.net/assets/');
    c.setBase('https://ignored.example.org/');
    c.add('b.js', 'script', false);
    c.add('/root.png', 'image', false);
    c.add('//other.example.org/x.png', 'image', false);
    expect(c.resources().map((r) => r.url)).toEqual([
      'https://www.example.com/dir/a.js',
      'https://cdn.example.net/assets/b.js',
      'https://cdn.example.net/root.png',
      'https://other.example.org/x.png',
    ]);
    expect(c.hosts()).toEqual(['www.example.com', 'cdn.example.net', 'other.example.org']);
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/plain,x'],
    ['blob:https://www.example.com/uuid'],
    ['about:blank'],
    ['mailto:a@example.com'],
    ['tel:+1'],
    ['http://exa mple.com/'],
    ['https://[::1/'],
  ])('skips %j', (raw) => {
    const c = new ResourceCollector(page);
    expect(c.add(raw, 'image', false)).toBeNull();
    expect(c.resources()).toEqual([]);
    expect(c.stats().skipped).toBe(1);
  });

  it('ignores a base that is not http(s)', () => {
    const c = new ResourceCollector(page);
    c.setBase('javascript:alert(1)//');
    c.add('x.png', 'image', false);
    expect(c.resources()[0]?.url).toBe('https://www.example.com/dir/x.png');
  });

  it('de-duplicates by kind and URL (fragment ignored), keeping render-blocking if any copy blocks', () => {
    const c = new ResourceCollector(page);
    c.add('/a.css#x', 'stylesheet', false);
    c.add('/a.css', 'stylesheet', true);
    c.add('/a.css', 'preload', false);
    expect(c.resources()).toEqual([
      {
        url: 'https://www.example.com/a.css',
        host: 'www.example.com',
        kind: 'stylesheet',
        renderBlocking: true,
      },
      {
        url: 'https://www.example.com/a.css',
        host: 'www.example.com',
        kind: 'preload',
        renderBlocking: false,
      },
    ]);
  });

  it('keeps the integrity of the element, and drops it when another element loads the file without', () => {
    const c = new ResourceCollector(page);
    c.add('/pinned.js', 'script', false, { integrity: 'sha384-a' });
    c.add('/pinned.js', 'script', false, { integrity: 'sha384-b' });
    c.add('/twice.js', 'script', false, { integrity: 'sha384-c' });
    c.add('/twice.js', 'script', false);
    c.add('/later.js', 'script', false);
    c.add('/later.js', 'script', false, { integrity: 'sha384-d' });
    expect(c.resources().map((r) => [new URL(r.url).pathname, r.integrity])).toEqual([
      ['/pinned.js', 'sha384-a'],
      ['/twice.js', undefined],
      ['/later.js', undefined],
    ]);
  });

  it('drops an inferred literal that the page already references for real', () => {
    const c = new ResourceCollector(page);
    c.add('https://t.example.org/t.js', 'script', false);
    expect(c.add('https://t.example.org/t.js', 'inferred', false, { inferred: true })).toBeNull();
    expect(c.add('https://u.example.org/u.js', 'inferred', false, { inferred: true })).toMatchObject({
      inferred: true,
    });
  });

  it('stops at maxResources, maxHosts and maxUrlLength and names the limit', () => {
    const c = new ResourceCollector(page, { maxResources: 3, maxHosts: 2, maxUrlLength: 40 });
    c.add('https://a.example.org/1', 'image', false);
    c.add('https://b.example.org/1', 'image', false); // third host: over maxHosts
    c.add('/1', 'image', false);
    c.add('/2', 'image', false);
    c.add('/3', 'image', false); // fourth resource: over maxResources
    c.add(`/${'x'.repeat(50)}`, 'image', false);
    expect(c.resources()).toHaveLength(3);
    expect(c.hosts()).toEqual(['www.example.com', 'a.example.org']);
    expect(c.stats().limitsHit.sort()).toEqual(['maxHosts', 'maxResourceUrlLength', 'maxResources']);
    expect(c.full).toBe(true);
  });

  it('keeps IDN hosts in punycode and IPv6 hosts in brackets', () => {
    const c = new ResourceCollector(page);
    c.add('https://bücher.example/x', 'image', false);
    c.add('http://[2001:db8::1]/x', 'image', false);
    expect(c.hosts().slice(1)).toEqual(['xn--bcher-kva.example', '[2001:db8::1]']);
  });
});
