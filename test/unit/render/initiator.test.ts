/**
 * normaliseInitiator: the browser's `Network.Initiator` (and a HAR's `_initiator`) in the scan contract's
 * terms, as a table of what Chrome sends for each way a request is made.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_STACK_DEPTH,
  normaliseInitiator,
  scriptOfStack,
  type BrowserInitiator,
  type StackLike,
} from '../../../src/core/render/initiator.ts';
import type { Initiator } from '../../../src/core/scan/types.ts';

const PAGE = 'https://shop.example/';
const GTM = 'https://www.googletagmanager.com/gtm.js?id=GTM-1';
const frame = (url: string) => ({ functionName: '', scriptId: '1', url, lineNumber: 0, columnNumber: 0 });

describe('normaliseInitiator', () => {
  it.each<[string, BrowserInitiator | undefined, string | undefined, Initiator]>([
    ['a tag in the HTML', { type: 'parser', url: PAGE }, undefined, { type: 'parser', url: PAGE }],
    [
      'a url() in a stylesheet',
      { type: 'parser', url: 'https://cdn.example/a.css' },
      undefined,
      { type: 'parser', url: 'https://cdn.example/a.css' },
    ],
    [
      'a script inserted by another',
      { type: 'script', stack: { callFrames: [frame(GTM)] } },
      undefined,
      { type: 'script', url: GTM },
    ],
    [
      'a fetch in a promise callback (async parent stack)',
      { type: 'script', stack: { callFrames: [], parent: { callFrames: [frame(''), frame(GTM)] } } },
      undefined,
      { type: 'script', url: GTM },
    ],
    [
      'eval code: no URL on the stack, the document then',
      { type: 'script', stack: { callFrames: [frame('')] } },
      undefined,
      { type: 'script', url: PAGE },
    ],
    ['a preload', { type: 'preload', url: PAGE }, undefined, { type: 'preload', url: PAGE }],
    ['the page itself (no initiator)', { type: 'other' }, undefined, { type: 'other' }],
    ['a CORS preflight', { type: 'preflight', url: GTM }, undefined, { type: 'other', url: GTM }],
    ['a signed exchange', { type: 'SignedExchange' }, undefined, { type: 'other' }],
    ['a type Chrome adds later', { type: 'speculation' } as BrowserInitiator, undefined, { type: 'other' }],
    ['nothing at all', undefined, undefined, { type: 'other' }],
    [
      'a redirect hop, whatever the first hop had',
      { type: 'parser', url: PAGE },
      'https://a.example/x',
      { type: 'redirect', url: 'https://a.example/x' },
    ],
  ])('%s', (_label, initiator, redirectedFrom, expected) => {
    expect(normaliseInitiator(initiator, redirectedFrom, PAGE)).toEqual(expected);
  });
});

describe('scriptOfStack', () => {
  it('reads at most MAX_STACK_DEPTH async parents (a hostile deep stack costs a bounded walk)', () => {
    let stack: StackLike = { callFrames: [frame(GTM)] };
    for (let i = 0; i < MAX_STACK_DEPTH; i += 1) stack = { callFrames: [], parent: stack };
    expect(scriptOfStack(stack)).toBeUndefined();
    expect(scriptOfStack(stack.parent)).toBe(GTM);
  });
});
