/**
 * Hostile input end to end, in Chromium against `wrangler pages dev` of the built site: a saved report
 * full of markup, prototype names and the most hosts a report may hold, opened at /deps/?report=ID; and
 * /tti/ links whose values and parameter names are markup, rendered by the Function and then re-rendered
 * by the island. Nothing may run (window.__pwned stays undefined, no dialog opens), no element may be
 * injected, and the hostile text must show as text. Last, the CSP itself: an inline handler or script
 * that did get into the page would still be refused.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { MAX_REPORT_HOSTS } from '../../src/core/map/report-limits.ts';
import type { ResolvedHost } from '../../src/core/resolve/types.ts';
import type { DependencyReport, MapResource } from '../../src/core/map/types.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

/** Markup that runs code if any view ever writes it as HTML. */
const MARKUP = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '"><svg onload="window.__pwned=3">',
  '\'><iframe srcdoc="<script>parent.__pwned=4</script>">',
  '</textarea><details open ontoggle="window.__pwned=5">',
];
/** Names that break code keying plain objects by them. */
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function hostileReport(): DependencyReport {
  const hosts: ResolvedHost[] = [];
  const resources: MapResource[] = [];
  const text = (i: number) => `${MARKUP[i % MARKUP.length]} ${PROTO[i % PROTO.length]}`;
  // Single-label names like "__proto__" are hosts a report may hold; the rest fill the cap.
  const names = [
    'www.shop.example',
    ...PROTO.map((p) => p.toLowerCase()),
    ...Array.from(
      { length: MAX_REPORT_HOSTS - 1 - PROTO.length },
      (_, i) => `h${i}.tracker${i % 37}.example`,
    ),
  ];
  names.forEach((name, i) => {
    hosts.push({
      host: name,
      firstParty: i === 0,
      entity: {
        name: text(i),
        company: i % 3 === 0 ? PROTO[i % PROTO.length]! : text(i),
        category: text(i + 1),
        unrecognised: false,
      },
      cnames: [],
      addresses: ['192.0.2.1'],
      providers: [
        {
          name: i % 2 ? PROTO[i % PROTO.length]! : text(i + 2),
          role: 'cdn',
          signal: 'cname',
          evidence: 'javascript:alert(1)',
        },
        { name: text(i + 3), role: 'dns', signal: 'ns' },
      ],
      asn: { number: 64500, name: text(i + 4), prefix: '192.0.2.0/24' },
      errors: i % 5 === 0 ? [{ code: 'nxdomain', message: text(i) }] : [],
    });
    for (const path of ['a.js', 'b.css']) {
      resources.push({
        url: `https://${name}/${encodeURIComponent(MARKUP[i % MARKUP.length]!)}/${path}`,
        host: name,
        type: path.endsWith('.js') ? 'script' : 'stylesheet',
        renderBlocking: i % 4 === 0,
        blockingEvidence: 'browser',
      });
    }
  });
  resources.unshift({
    url: 'https://www.shop.example/',
    host: 'www.shop.example',
    type: 'document',
    renderBlocking: true,
    blockingEvidence: 'browser',
  });
  return {
    version: 1,
    method: 'har',
    page: 'https://www.shop.example/',
    createdAt: '2026-11-26T12:00:00.000Z',
    source: { tool: MARKUP[0]!, entries: resources.length, pages: 1 },
    resources,
    hosts,
  };
}

/** Elements no view draws; markup that got parsed as HTML would add them. */
const FOREIGN = [
  'img',
  'iframe',
  'details',
  'object',
  'embed',
  'script',
  'textarea',
  'a[href^="javascript"]',
];

/**
 * What the page holds that a hostile value could have put there: the flag, event-handler and script-URL
 * attributes anywhere, foreign elements inside the containers the views fill, inline or foreign scripts.
 */
async function injected(page: Page, containers: string[]) {
  return page.evaluate(
    ({ containers, foreign }) => {
      const handlers: string[] = [];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name) || a.name === 'srcdoc') handlers.push(`<${el.tagName} ${a.name}>`);
          if (
            ['href', 'src', 'action', 'formaction'].includes(a.name) &&
            /^\s*(javascript|data):/i.test(a.value)
          )
            handlers.push(`<${el.tagName} ${a.name}="${a.value}">`);
        }
      }
      const selector = containers.flatMap((c) => foreign.map((f) => `${c} ${f}`)).join(', ');
      const elements = [...document.querySelectorAll(selector)].map((el) => el.outerHTML.slice(0, 80));
      const scripts = [...document.scripts].map((s) => s.src || `inline: ${s.text.slice(0, 40)}`);
      return { pwned: (window as { __pwned?: unknown }).__pwned, handlers, elements, scripts };
    },
    { containers, foreign: FOREIGN },
  );
}

/** Our scripts only: module scripts from /_astro/ (the build hashes any inline one into the CSP). */
const onlyOwnScripts = (scripts: string[]) =>
  scripts.every((src) => !src.startsWith('inline') && new URL(src).pathname.startsWith('/_astro/'));

describe.skipIf(!hasChromium)('hostile input in Chromium', () => {
  const session = browserSession();

  /** A page that records dialogs (alert, confirm, prompt) and CSP violations. */
  async function open(path: string) {
    const dialogs: string[] = [];
    const opened = await session.open(path, {}, (page) =>
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      }),
    );
    return { ...opened, dialogs };
  }

  it('opens a saved report full of markup and prototype names as text, at the host cap, with nothing run', async () => {
    const report = hostileReport();
    const body = JSON.stringify(report);
    const saved = await fetch(`${inject('baseUrl')}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const { id } = (await saved.json()) as { id: string };

    const { page, errors, dialogs } = await open(`/deps/?report=${id}`);
    await page.waitForSelector('#deps-graph svg', { timeout: 30_000 });
    expect(await page.locator('#deps-status').innerText()).toContain('Saved report');
    // Every view drew: the hosts table lists all of them, markup shown as text.
    expect(await page.locator('#deps-hosts tbody tr').count()).toBe(MAX_REPORT_HOSTS);
    expect(await page.locator('#deps-hosts').innerText()).toContain(MARKUP[0]);
    expect(await page.locator('#deps-method').innerText()).toContain(MARKUP[0]);
    // Pick a provider named like a prototype key: "what breaks" must still answer.
    await page.selectOption('#deps-breaks-provider', '__proto__');
    expect(await page.locator('#deps-breaks-result').innerText()).toMatch(/If __proto__ goes down/);
    // Hover a node: the details line is text too.
    await page.locator('#deps-graph .deps-node').nth(1).focus();
    expect(await page.locator('#deps-graph-details').innerText()).not.toBe('');

    const found = await injected(page, ['#deps-results', '#deps-error', '#deps-status']);
    expect(found.pwned).toBeUndefined();
    expect(found.handlers).toEqual([]);
    expect(found.elements).toEqual([]);
    expect(await page.locator('#deps-results svg').count()).toBe(1);
    expect(onlyOwnScripts(found.scripts)).toBe(true);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it.each([
    ['an invalid value', (p: string) => `current=${p}&target=3`],
    ['a parameter name and value beside a result', (p: string) => `current=6&target=3&${p}=${p}`],
    ['a parameter name and value alone', (p: string) => `${p}=${p}`],
  ])(
    'renders a /tti/ link with markup in %s as text, then re-renders it in the island, with nothing run',
    async (_name, query) => {
      for (const payload of MARKUP) {
        const { page, errors, dialogs } = await open(`/tti/?${query(encodeURIComponent(payload))}`);
        // Load the island's engine and make it re-render the result (innerHTML) from the same values.
        await page.focus('#f-target');
        await page.fill('#f-target', '2');
        await page.waitForFunction(() =>
          document.getElementById('tti-result')?.dataset['query']?.includes('target=2'),
        );
        if (query('X').startsWith('current=X')) {
          expect(await page.inputValue('#f-current')).toBe(payload);
          expect(await page.locator('#f-current-error').innerText()).not.toBe('');
        } else {
          expect(await page.locator('#tti-extra input').first().getAttribute('name')).toBe(payload);
          expect(await page.locator('#tti-extra input').first().inputValue()).toBe(payload);
        }
        const found = await injected(page, ['#tti-result', '#tti-chart', '#tti-form', 'head']);
        expect(found.pwned).toBeUndefined();
        expect(found.handlers).toEqual([]);
        expect(found.elements).toEqual([]);
        expect(onlyOwnScripts(found.scripts)).toBe(true);
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    },
    60_000,
  );

  it.each(['/deps/?report=AAAAAAAAAAAAAAAAAAAAAA', '/tti/?current=6&target=3'])(
    'refuses an inline handler or script even if one got into %s (CSP without unsafe-inline)',
    async (path) => {
      const { page, dialogs } = await open(path);
      const outcome = await page.evaluate(async () => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        document.body.insertAdjacentHTML('beforeend', '<img src="/x.png" onerror="window.__pwned=1">');
        const script = document.createElement('script');
        script.textContent = 'window.__pwned = 2';
        document.body.append(script);
        const link = document.createElement('a');
        link.href = 'javascript:window.__pwned=3';
        document.body.append(link);
        link.click();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { pwned: (window as { __pwned?: unknown }).__pwned, violations };
      });
      expect(outcome.pwned).toBeUndefined();
      expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
      expect(dialogs).toEqual([]);
    },
  );
});
