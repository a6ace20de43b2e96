/**
 * The no-JS and shared-link path of /tti/ (functions/tti/index.ts) inside workerd, against the built
 * page as ASSETS, plus the form/URL mapping it shares with the island (src/components/tti/form-fields.ts).
 */
import fc from 'fast-check';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_CHARS,
  onRequestGet,
  onRequestHead,
  PAGE_CACHE_CONTROL,
} from '../../functions/tti/index.ts';
import {
  canonicalQuery,
  fieldIssues,
  formValuesFromQuery,
  fractionToPercent,
  MODEL_PARAMS,
  percentToFraction,
  type FormValues,
} from '../../src/components/tti/form-fields.ts';
import { metaFor } from '../../src/components/tti/page-meta.ts';
import { computeTti } from '../../src/core/tti/compute.ts';
import { DEFAULT_PARAMS } from '../../src/core/tti/params.ts';
import { formatPct } from '../../src/core/tti/describe.ts';
import { callFunction } from './call.ts';

const PASSED_THROUGH = 'static page';
const call = (handler: PagesFunction<Env>, method: 'GET' | 'HEAD', search: string) =>
  callFunction(handler, new Request(`https://tools.example.com/tti/${search}`, { method }), {
    next: async () => new Response(PASSED_THROUGH, { headers: { 'cache-control': 'public, max-age=0' } }),
  });
const get = (search: string) => call(onRequestGet, 'GET', search);
const head = (search: string) => call(onRequestHead, 'HEAD', search);

/** HTMLRewriter hands attributes over as written: decode the entities our markup and workerd use, in one
 * pass as a browser does ("&#38;quot;" is the text "&quot;", not a quote). */
const NAMED: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
const decode = (text: string): string =>
  text.replace(/&(#\d+|quot|lt|gt|amp);/g, (_m, name: string) =>
    name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : NAMED[name]!,
  );

/** Attribute or text of the first element matching a selector, via HTMLRewriter (no DOM in workerd). */
async function pick(html: string, selector: string, attribute?: string): Promise<string | null> {
  let found: string | null = null;
  let text = '';
  let inside = false;
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        if (found !== null || inside) return;
        if (attribute) {
          const value = el.getAttribute(attribute);
          found = value === null ? null : decode(value);
        } else {
          inside = true;
          el.onEndTag(() => {
            found = text;
            inside = false;
          });
        }
      },
      text(chunk) {
        if (inside) text += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found;
}

describe('GET /tti/ (no-JS and shared links)', () => {
  it('passes a request without a query straight to the static page', async () => {
    expect(await (await get('')).text()).toBe(PASSED_THROUGH);
    expect(await (await get('?')).text()).toBe(PASSED_THROUGH);
  });

  it('renders the result of a query into the page, with meta, canonical URL and caching', async () => {
    const response = await get('?current=6&target=3&bounceRate=0.45&utm_source=news&utm_campaign=q4');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);
    expect(response.headers.get('x-robots-tag')).toBeNull();
    const html = await response.text();
    const result = computeTti({ current: 6, target: 3, bounceRate: 0.45 });
    const meta = metaFor(result);
    expect(await pick(html, 'title')).toBe(meta.title);
    expect(meta.title).toContain(formatPct(result.conversion.liftPct));
    for (const [selector, value] of [
      ['meta[name="description"]', meta.description],
      ['meta[property="og:title"]', meta.title],
      ['meta[property="og:description"]', meta.description],
      ['meta[name="twitter:title"]', meta.title],
      ['meta[name="twitter:description"]', meta.description],
    ]) {
      expect(await pick(html, selector!, 'content')).toBe(value);
    }
    const canonical = 'https://tools.example.com/tti/?current=6&target=3&bounceRate=0.45';
    expect(await pick(html, 'link[rel="canonical"]', 'href')).toBe(canonical);
    expect(await pick(html, 'meta[property="og:url"]', 'content')).toBe(canonical);
    expect(Number(await pick(html, '[data-figure="lift"] .value', 'data-value'))).toBe(
      result.conversion.liftPct,
    );
    expect(await pick(html, '#f-current', 'value')).toBe('6');
    expect(await pick(html, '#f-bounceRatePct', 'value')).toBe('45');
    expect(await pick(html, '#tti-extra input[name="utm_source"]', 'value')).toBe('news');
    expect(await pick(html, '#tti-extra input[name="utm_campaign"]', 'value')).toBe('q4');
    expect(await pick(html, '#tti-chart .mark.current text')).toBe('Now 6 s');
    expect(await pick(html, '.share-link', 'href')).toBe(
      '/tti/?current=6&target=3&bounceRate=0.45&utm_source=news&utm_campaign=q4',
    );
  });

  it.each([
    [
      'percent fields from the form',
      '?current=6&target=3&bounceRatePct=45&sessions=&utm_source=x',
      '/tti/?current=6&target=3&bounceRate=0.45&utm_source=x',
    ],
    ['empty optional fields', '?current=6&target=3&orderValue=&currency=', '/tti/?current=6&target=3'],
    [
      'a percent with a % sign',
      '?current=6&target=3&conversionRatePct=2.5%25',
      '/tti/?current=6&target=3&conversionRate=0.025',
    ],
    [
      'a non-number percent (passed on for the parser)',
      '?current=6&target=3&bounceRatePct=lots',
      '/tti/?current=6&target=3&bounceRate=lots',
    ],
  ])('redirects %s to the contract URL (303)', async (_name, search, location) => {
    const response = await get(search);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(location);
  });

  it('reports invalid values on their fields with HTTP 400 and keeps what was typed', async () => {
    const response = await get('?current=abc&target=3&conversionRate=2&utm_source=x');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    const html = await response.text();
    expect(await pick(html, '#f-current', 'value')).toBe('abc');
    expect(await pick(html, '#f-current', 'aria-invalid')).toBe('true');
    expect(await pick(html, '#f-current-error', 'hidden')).toBeNull();
    expect(await pick(html, '#f-current-error')).toBe('Must be a number such as 8.3.');
    expect(await pick(html, '#f-conversionRatePct', 'value')).toBe('200');
    expect(await pick(html, '#f-conversionRatePct-error')).toMatch(/percentage from 0 to 100/);
    expect(await pick(html, '#f-target-error', 'hidden')).toBe('');
    expect(await pick(html, '#tti-result .issues', 'data-issues')).toBe('2');
    expect(await pick(html, '#tti-chart .chart-empty')).toMatch(/appears when the inputs are valid/);
    expect(await pick(html, 'title')).toBe('TTI lift calculator: what a faster Time to Interactive is worth');
  });

  it('keeps a link with only utm_* parameters on the default example (200), carrying them', async () => {
    const response = await get('?utm_source=ad&utm_medium=cpc');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(await pick(html, '#tti-extra input[name="utm_medium"]', 'value')).toBe('cpc');
    expect(await pick(html, '[data-figure="lift"] .value', 'data-value')).not.toBeNull();
  });

  it(`answers 414 with a visible note for a query over ${MAX_QUERY_CHARS} characters`, async () => {
    const response = await get(`?current=6&target=3&utm_term=${'x'.repeat(MAX_QUERY_CHARS)}`);
    expect(response.status).toBe(414);
    const html = await response.text();
    expect(await pick(html, '#tti-result .headline')).toMatch(/too long/);
    expect(html).not.toContain('x'.repeat(100));
  });

  it('escapes hostile parameter names and values', async () => {
    const payload = '"><script>alert(1)</script>';
    const response = await get(
      `?current=${encodeURIComponent(payload)}&target=3&${encodeURIComponent(payload)}=${encodeURIComponent(payload)}`,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    // Inside a quoted attribute "<script>" is inert; what must never appear is the quote that ends it.
    expect(html).not.toContain('"><script>alert(1)');
    expect(await pick(html, '#f-current', 'value')).toBe(payload);
    expect(await pick(html, `#tti-extra input`, 'value')).toBe(payload);
  });

  it('never answers 5xx, whatever the query', async () => {
    const field = fc.constantFrom(...MODEL_PARAMS, 'utm_source', 'x');
    const value = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.constantFrom('', '0', '1e9', '-1', '%', 'NaN', '60', '0.5'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 10 }), async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const response = await get(search ? `?${search}` : '');
        expect([200, 303, 400, 414]).toContain(response.status);
        await response.arrayBuffer();
      }),
      { numRuns: 60 },
    );
  });
});

/** Markup an attacker puts in a link, for element content, quoted and unquoted attributes and URLs. */
const PAYLOADS = [
  '"><script>window.__pwned=1</script>',
  "'><img src=x onerror=window.__pwned=1>",
  '</title><script>window.__pwned=1</script>',
  '</textarea></noscript><svg onload=window.__pwned=1>',
  '" autofocus onfocus="window.__pwned=1',
  '&quot; onmouseover=window.__pwned=1 x=&quot;',
  'javascript:window.__pwned=1',
  '--><!--<script>',
];

/** Every element of a page: its tag and attributes, as HTMLRewriter parses them (the browser would too). */
async function elements(html: string): Promise<Array<{ tag: string; attributes: Array<[string, string]> }>> {
  const found: Array<{ tag: string; attributes: Array<[string, string]> }> = [];
  await new HTMLRewriter()
    .on('*', {
      element: (el) =>
        void found.push({
          tag: el.tagName,
          attributes: [...el.attributes].map(([name, value]) => [name!, value!] as [string, string]),
        }),
    })
    .transform(new Response(html))
    .text();
  return found;
}

/** What a rendered page must never hold: a new element kind, an event handler, a script or data URL. */
async function expectNoInjection(html: string): Promise<void> {
  const page = await elements(html);
  const tags = (list: typeof page) => [...new Set(list.map((e) => e.tag))].sort();
  const staticPage = await elements(await (await env.ASSETS.fetch('https://tools.example.com/tti/')).text());
  expect(tags(page).filter((t) => !tags(staticPage).includes(t))).toEqual([]);
  expect(page.filter((e) => e.tag === 'script')).toHaveLength(
    staticPage.filter((e) => e.tag === 'script').length,
  );
  for (const { tag, attributes } of page) {
    for (const [name, value] of attributes) {
      expect(name, `<${tag} ${name}>`).not.toMatch(/^on|^autofocus$|^srcdoc$|^formaction$/);
      if (['href', 'src', 'action', 'content'].includes(name)) {
        expect(decode(value).trim(), `<${tag} ${name}>`).not.toMatch(/^(javascript|data|vbscript):/i);
      }
    }
  }
}

describe('GET /tti/ with hostile links', () => {
  it.each(PAYLOADS)("echoes an invalid value %j only as the input's value, escaped", async (payload) => {
    const response = await get(
      `?current=${encodeURIComponent(payload)}&target=3&currency=${encodeURIComponent(payload)}`,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    await expectNoInjection(html);
    expect(await pick(html, '#f-current', 'value')).toBe(payload);
    expect(await pick(html, '#f-currency', 'value')).toBe(payload);
  });

  it.each(PAYLOADS)(
    'carries an unknown parameter named and valued %j as an inert hidden input',
    async (payload) => {
      const p = encodeURIComponent(payload);
      for (const search of [`?current=6&target=3&${p}=${p}`, `?${p}=${p}`]) {
        const response = await get(search);
        expect(response.status).toBe(200);
        const html = await response.text();
        await expectNoInjection(html);
        expect(await pick(html, '#tti-extra input', 'name')).toBe(payload);
        expect(await pick(html, '#tti-extra input', 'value')).toBe(payload);
        expect(await pick(html, '#tti-extra input', 'type')).toBe('hidden');
      }
    },
  );

  it('states only the model inputs in the canonical URL and the meta, never the extra parameters', async () => {
    const payload = encodeURIComponent(PAYLOADS[0]!);
    const html = await (await get(`?current=6&target=3&utm_source=${payload}`)).text();
    const canonical = 'https://tools.example.com/tti/?current=6&target=3';
    expect(await pick(html, 'link[rel="canonical"]', 'href')).toBe(canonical);
    expect(await pick(html, 'meta[property="og:url"]', 'content')).toBe(canonical);
    for (const selector of ['title', 'meta[name="description"]', 'meta[property="og:title"]']) {
      const value = selector === 'title' ? await pick(html, selector) : await pick(html, selector, 'content');
      expect(value).not.toContain('script');
    }
    // The share link and data-query carry the query percent-encoded: no quote can end the attribute.
    expect(await pick(html, '.share-link', 'href')).toMatch(
      /^\/tti\/\?current=6&target=3&utm_source=%22%3E%3Cscript/,
    );
    expect(await pick(html, '#tti-result', 'data-query')).not.toMatch(/["<>]/);
  });

  it.each([
    ['a protocol-relative value', '?current=6&target=3&bounceRatePct=45&next=%2F%2Fevil.example%2F'],
    ['a backslash host', '?current=6&target=3&bounceRatePct=45&next=%5C%5Cevil.example'],
    ['a header injection', '?current=6&target=3&bounceRatePct=45&x=%0d%0aSet-Cookie:%20a=b'],
    ['a percent field that is a URL', '?current=6&target=3&bounceRatePct=https%3A%2F%2Fevil.example'],
    ['an empty field beside an absolute URL', '?current=&next=https://evil.example/'],
  ])('redirects a form submission with %s to /tti/ on this site only (303)', async (_name, search) => {
    const response = await get(search);
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/tti\/\?/);
    expect(location).not.toMatch(/[\r\n\\]/);
    expect(new URL(location, 'https://tools.example.com/tti/').origin).toBe('https://tools.example.com');
  });
});

describe('HEAD /tti/', () => {
  it.each([
    ['a result', '?current=6&target=3&bounceRate=0.45'],
    ['invalid values', '?current=abc&target=3'],
    ['a form submission (redirect)', '?current=6&target=3&bounceRatePct=45'],
    ['an over-long query', `?current=6&target=3&utm_term=${'x'.repeat(MAX_QUERY_CHARS)}`],
    ['no query (the static page)', ''],
  ])('answers %s with the status and headers of GET, without a body', async (_name, search) => {
    const [viaGet, viaHead] = await Promise.all([get(search), head(search)]);
    expect(viaHead.status).toBe(viaGet.status);
    expect([...viaHead.headers]).toEqual([...viaGet.headers]);
    expect(await viaHead.text()).toBe('');
    await viaGet.arrayBuffer();
  });

  it('keeps the rendered page cacheable for a shared link, as GET does', async () => {
    const response = await head('?current=6&target=3');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('x-robots-tag')).toBeNull();
  });
});

describe('form fields and the URL contract', () => {
  it.each([
    ['45', '0.45'],
    ['2.5', '0.025'],
    ['1.1', '0.011'],
    [' 7 % ', '0.07'],
    ['100', '1'],
    ['0.00001', '0.0000001'],
    ['abc', 'abc'],
    ['-5', '-5'],
    ['', ''],
  ])('percentToFraction(%j) = %j', (typed, fraction) => {
    expect(percentToFraction(typed)).toBe(fraction);
  });

  it.each([
    ['0.45', '45'],
    ['0.011', '1.1'],
    ['0.07', '7'],
    ['1', '100'],
    ['lots', 'lots'],
  ])('fractionToPercent(%j) = %j', (fraction, typed) => {
    expect(fractionToPercent(fraction)).toBe(typed);
  });

  it('round-trips every percent a person types with up to 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const typed = String(n / 10_000);
        expect(fractionToPercent(percentToFraction(typed))).toBe(typed);
      }),
    );
  });

  it('canonicalQuery prefers the percent field, drops empty ones and keeps unknown parameters in order', () => {
    const { query, changed } = canonicalQuery(
      new URLSearchParams('utm_a=1&bounceRate=0.3&current=5&bounceRatePct=40&target=&x=&target=2'),
    );
    expect(changed).toBe(true);
    expect(query.toString()).toBe('utm_a=1&current=5&bounceRate=0.4&x=&target=2');
    expect(canonicalQuery(new URLSearchParams('current=5&target=2&utm_a=1')).changed).toBe(false);
  });

  it('formValuesFromQuery shows rates in percent', () => {
    expect(
      formValuesFromQuery(new URLSearchParams('current=5&target=2&conversionRate=0.021&currency=eur')),
    ).toEqual({
      current: '5',
      target: '2',
      bounceRatePct: '',
      sessions: '',
      conversionRatePct: '2.1',
      orderValue: '',
      currency: 'eur',
    });
  });

  it('fieldIssues puts issues on the form inputs, in percent words for rates', () => {
    const values = { bounceRatePct: '4 5', conversionRatePct: '250' } as FormValues;
    expect(
      fieldIssues(
        [
          { path: 'current', message: 'Required.' },
          {
            path: 'bounceRate',
            message: 'Bounce rate (a fraction, 0.45 for 45 %) must be a plain number such as 0.45.',
          },
          {
            path: 'conversionRate',
            message: 'Conversion rate (a fraction, 0.02 for 2 %) must be at most 1.',
          },
          { path: 'nonsense', message: 'x' },
        ],
        values,
      ),
    ).toEqual([
      { field: 'current', message: 'Required.' },
      { field: 'bounceRatePct', message: 'Must be a number of percent, such as 45.' },
      { field: 'conversionRatePct', message: 'Must be a percentage from 0 to 100.' },
    ]);
  });
});

describe('GET /tti/: addresses, pasted values, warnings and the pinned summary', () => {
  const at = (origin: string, search: string) =>
    callFunction(onRequestGet, new Request(`${origin}/tti/${search}`), {
      next: async () => new Response(PASSED_THROUGH),
    });

  it('builds the static page without a placeholder address: no canonical or og:url unless SITE_URL is set', async () => {
    const html = await (await env.ASSETS.fetch('https://any.test/tti/')).text();
    expect(html).not.toMatch(/example\.com/);
    expect(await pick(html, 'link[rel="canonical"]', 'href')).toBeNull();
    expect(await pick(html, 'meta[property="og:url"]', 'content')).toBeNull();
    expect(await pick(html, 'meta[property="og:site_name"]', 'content')).toBe('Edge speed tools');
  });

  it.each(['https://speed.test', 'http://127.0.0.1:8788'])(
    'states the request origin %s as the canonical address of a shared link, once',
    async (origin) => {
      const html = await (await at(origin, '?current=6&target=3&utm_source=x')).text();
      expect(html.match(/rel="canonical"/g)).toHaveLength(1);
      expect(html.match(/property="og:url"/g)).toHaveLength(1);
      expect(await pick(html, 'link[rel="canonical"]', 'href')).toBe(`${origin}/tti/?current=6&target=3`);
      expect(await pick(html, 'meta[property="og:url"]', 'content')).toBe(
        `${origin}/tti/?current=6&target=3`,
      );
      expect(html).not.toMatch(/example\.com/);
    },
  );

  it.each([
    ['?current=8.3+s&target=2%2C5', '/tti/?current=8.3&target=2.5'],
    ['?current=8.3s&target=4&sessions=200%2C000', '/tti/?current=8.3&target=4&sessions=200000'],
    [
      '?current=8&target=4&sessions=200+000&orderValue=%2480',
      '/tti/?current=8&target=4&sessions=200000&orderValue=80',
    ],
    [
      '?current=8&target=4&orderValue=80+%E2%82%AC&bounceRatePct=45%25',
      '/tti/?current=8&target=4&orderValue=80&bounceRate=0.45',
    ],
  ])('redirects the pasted form %s to the contract URL (303)', async (search, location) => {
    const response = await get(search);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(location);
  });

  it('warns, without marking the value invalid, when a bounce rate looks like a fraction', async () => {
    const response = await get('?current=8&target=4&bounceRate=0.0045');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(await pick(html, '#f-bounceRatePct', 'value')).toBe('0.45');
    expect(await pick(html, '#f-bounceRatePct', 'aria-invalid')).toBeNull();
    expect(await pick(html, '#f-bounceRatePct-error', 'hidden')).toBeNull();
    expect(await pick(html, '#f-bounceRatePct-error', 'class')).toBe('error warn');
    expect(await pick(html, '#f-bounceRatePct-error')).toBe('0.45% — did you mean 45%?');
    // The result explains the clamping in percent, never in fractions.
    const explain = (await pick(html, '#tti-result .explain')) ?? '';
    expect(explain).toContain('A bounce rate of 0.45% was evaluated as 1%');
    expect(explain).not.toMatch(/0\.0045|0\.01\b/);
  });

  it('speaks of the typed TTI values below the 1 s floor, in the headline and the chart', async () => {
    const html = await (await get('?current=0.9&target=0.5')).text();
    expect(await pick(html, '#tti-result .headline')).toBe(
      'Cutting TTI from 0.9 s to 0.5 s: no change below 1 s',
    );
    expect(await pick(html, '#tti-result .explain')).toContain(
      'Below 1 s the evidence shows no further gain: 0.9 s → 0.5 s is estimated at 0% change.',
    );
    expect(await pick(html, '#tti-chart .mark.current text')).toBe('Now 0.9 s (as 1 s)');
    expect(await pick(html, '#tti-chart .mark.target text')).toBe('Target 0.5 s (as 1 s)');
    expect(html).not.toMatch(/0% conversions/);
    expect(await pick(html, 'title')).toMatch(/^Cutting TTI from 0\.9 s to 0\.5 s: no change below 1 s/);
  });

  it('pins the summary of the shown result (or a pointer to the problems) for narrow screens', async () => {
    const ok = await (await get('?current=6&target=3')).text();
    const { conversion } = computeTti({ current: 6, target: 3 });
    expect(await pick(ok, '#tti-summary')).toBe(
      `Conversions ${formatPct(conversion.liftPct)} (range ${formatPct(conversion.lowPct)} to ${formatPct(conversion.highPct)})`,
    );
    const bad = await (await get('?current=x&target=3')).text();
    expect(await pick(bad, '#tti-summary')).toBe('Check the highlighted values.');
  });

  it('rounds revenue to two significant digits and gives the yearly range in the social description', async () => {
    const html = await (
      await get(
        '?current=8.3&target=5.7&bounceRate=0.45&sessions=100000&conversionRate=0.02&orderValue=80&currency=EUR',
      )
    ).text();
    // Yearly revenue change = 12 × sessions × conversion rate × order value × ((8.3 ÷ 5.7)^β − 1), for the
    // shipped elasticities, written to two significant digits by Intl (an oracle apart from format.ts).
    const { betaCentral, betaLow, betaHigh } = DEFAULT_PARAMS.conversion;
    const yearly = (beta: number) => 12 * 100000 * 0.02 * 80 * (Math.pow(8.3 / 5.7, beta) - 1);
    const eur = (beta: number) =>
      `+${new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', maximumSignificantDigits: 2 }).format(yearly(beta))}`;
    const [central, low, high] = [eur(betaCentral), eur(betaLow), eur(betaHigh)];
    expect(central).toMatch(/^\+€\d{2,3},000$/); // two significant digits, as the page must show
    const description = await pick(html, 'meta[property="og:description"]', 'content');
    expect(description?.endsWith(`; ${central} a year (range ${low} to ${high}).`)).toBe(true);
    expect(await pick(html, '[data-figure="yearly"] .value')).toBe(central);
    expect(await pick(html, '[data-figure="yearly"] .detail')).toBe(`range ${low} to ${high}`);
    expect(html).toContain(`range <span class="nb">${low}</span> to <span class="nb">${high}</span>`);
  });
});
