/**
 * MainDocument: the page's own navigation in a rendered scan, in the static scan's refusal codes: hops,
 * the redirect limit, a refused hop (policy codes on a redirect become `redirect_refused`), the browser's
 * net errors, and the answer's status and type.
 */
import { describe, expect, it } from 'vitest';
import { MainDocument } from '../../../src/core/render/main-document.ts';
import { MAX_REDIRECTS } from '../../../src/core/scan/limits.ts';

const URL0 = 'https://shop.example/';

describe('MainDocument', () => {
  it('is fine for a 2xx HTML answer, with hops, final URL and redirects', () => {
    const doc = new MainDocument('http://shop.example/');
    doc.hop('http://shop.example/');
    doc.hop('http://shop.example/'); // the same hop seen by two layers of the fence
    doc.hop(URL0);
    doc.answered(200, 'text/html; charset=utf-8', 5000);
    expect(doc.outcome()).toBeNull();
    expect([doc.finalUrl, doc.redirects, doc.bytes]).toEqual([URL0, [URL0], 5000]);
  });

  it(`refuses more than MAX_REDIRECTS (${MAX_REDIRECTS}) hops`, () => {
    const doc = new MainDocument(URL0);
    const verdicts = Array.from({ length: MAX_REDIRECTS + 2 }, (_, i) => doc.hop(`${URL0}${i}`));
    expect(verdicts.slice(0, MAX_REDIRECTS + 1)).toEqual(Array(MAX_REDIRECTS + 1).fill(null));
    expect(verdicts.at(-1)?.code).toBe('too_many_redirects');
    expect(doc.outcome()?.code).toBe('too_many_redirects');
  });

  it.each([
    ['private_address', 1, 'private_address'],
    ['private_address', 2, 'redirect_refused'],
    ['port_not_allowed', 2, 'redirect_refused'],
    ['dns_failed', 2, 'dns_failed'],
    ['render_failed', 1, 'render_failed'],
  ] as const)('a %s refusal at hop %i answers %s', (code, hops, expected) => {
    const doc = new MainDocument(URL0);
    for (let i = 0; i < hops; i += 1) doc.hop(`${URL0}${i}`);
    doc.refuseHop(code, 'why');
    expect(doc.outcome('net::ERR_BLOCKED_BY_CLIENT')?.code).toBe(expected);
  });

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns_failed'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_TOO_MANY_REDIRECTS', 'too_many_redirects'],
    ['net::ERR_UNSAFE_REDIRECT', 'redirect_refused'],
    ['net::ERR_CONNECTION_REFUSED', 'origin_unreachable'],
    ['net::ERR_SOMETHING_NEW', 'origin_unreachable'],
  ])('the browser’s %s → %s', (errorText, code) => {
    expect(new MainDocument(URL0).outcome(errorText)?.code).toBe(code);
  });

  it.each<[number | null, string | null, string | null]>([
    [200, 'text/html', null],
    [204, 'application/xhtml+xml', null],
    [404, 'text/html', 'origin_error'],
    [500, 'text/html', 'origin_error'],
    [200, 'application/json', 'not_html'],
    [200, null, 'not_html'],
    [null, null, 'timeout'],
  ])('status %s, type %s → %s', (status, type, code) => {
    const doc = new MainDocument(URL0);
    if (status !== null) doc.answered(status, type, 10);
    expect(doc.outcome()?.code ?? null).toBe(code);
  });
});
