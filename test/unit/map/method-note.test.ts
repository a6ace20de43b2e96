/**
 * How the page says a map was made (src/core/map/method-note.ts): rendered, static, HAR, a report saved
 * before rendered scans, a fallback for each kind of reason, and the fence's refusal reasons.
 */
import { describe, expect, it } from 'vitest';
import {
  blockedReasonWords,
  fallbackWords,
  mapSource,
  methodNote,
} from '../../../src/core/map/method-note.ts';
import type { DependencyReport } from '../../../src/core/map/types.ts';

const scan = (source: DependencyReport['source']) => ({ method: 'scan' as const, source });

describe('methodNote', () => {
  it.each<[string, Pick<DependencyReport, 'method' | 'source'>, string, RegExp]>([
    [
      'a rendered scan',
      scan({ scanMethod: 'rendered' }),
      'rendered',
      /^Rendered scan: we loaded the page in a real browser/,
    ],
    ['a static scan', scan({ scanMethod: 'static' }), 'static', /^Static scan: .*import a HAR/],
    ['a scan saved before rendered scans existed', scan({ tool: 'static scan' }), 'static', /^Static scan/],
    [
      'a HAR of three page loads',
      { method: 'har', source: { tool: 'chrome-har 0.13.2', entries: 12, pages: 3 } },
      'har',
      /^HAR import \(chrome-har 0\.13\.2\): the requests a real browser made, 12 entries, first of 3 page loads\.$/,
    ],
    [
      'a HAR of one entry',
      { method: 'har', source: { entries: 1 } },
      'har',
      /^HAR import: .* made, 1 entry\.$/,
    ],
  ])('%s', (_name, report, source, lead) => {
    const note = methodNote(report);
    expect(note.source).toBe(source);
    expect(mapSource(report)).toBe(source);
    expect(note.lead).toMatch(lead);
    expect(note.fallback).toBeUndefined();
  });

  it('after a fallback, says why in plain words, with the scanner’s own message', () => {
    const note = methodNote(
      scan({ scanMethod: 'static', fallback: { code: 'browser_busy', message: 'Too many browsers.' } }),
    );
    expect(note.source).toBe('static');
    expect(note.fallback).toBe(
      "The browser service is busy (its limits were reached) (the scanner said: “Too many browsers.”), so this is a static scan: it shows what the page's HTML and stylesheets name, not what its scripts load. Try again later, or import a HAR recorded in your browser.",
    );
  });
});

describe('fallbackWords: the reason read from the code', () => {
  it.each([
    ['browser_unavailable', /^This site has no browser to load pages in right now/],
    ['no_browser_binding', /^This site has no browser/],
    ['browser_rate_limited', /^The browser service is busy/],
    ['browser_limit', /^The browser service is busy/],
    ['render_timeout', /^The page did not finish loading in the browser in time/],
    ['render_crashed', /^Loading the page in a browser failed/],
    ['launch_failed', /^Loading the page in a browser failed/],
    ['something_new', /^The page could not be loaded in a browser/],
  ])('%s', (code, words) => {
    const text = fallbackWords({ code, message: '' });
    expect(text).toMatch(words);
    expect(text).not.toContain('the scanner said');
    expect(text).toMatch(/import a HAR/);
  });
});

describe('blockedReasonWords', () => {
  it.each([
    ['private_address', 'a private, local or reserved network address'],
    ['port_not_allowed', 'a port other than the usual web ports'],
    ['unsupported_scheme', 'not a web address (http or https)'],
    ['a reason nobody mapped', 'a reason nobody mapped'],
  ])('%s', (reason, words) => {
    expect(blockedReasonWords(reason)).toBe(words);
  });
});
