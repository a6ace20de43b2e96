/**
 * Who made a request, from what the browser reports (Chrome DevTools Protocol `Network.Initiator`, the same
 * shape a HAR's `_initiator` carries), in the scan contract's terms (`Initiator` in
 * src/core/scan/types.ts). Pure: no DevTools types are imported, only the fields read here.
 *
 * Where the browser is blind, we say so instead of guessing: Chrome reports a script's stack for `fetch`,
 * XHR, `sendBeacon` and inserted elements, but an `Image()` pixel or a CSS background that a script set is
 * reported without a stack (type "other", or "parser" naming the document), so it is attributed to the
 * document, not to the script.
 */
import type { Initiator } from '../scan/types.ts';

/** A call frame of a DevTools stack trace (only what we read). */
export interface CallFrameLike {
  url?: string;
}

/** A DevTools stack trace: its frames, then the async parents (a promise, a timer, an event). */
export interface StackLike {
  callFrames?: readonly CallFrameLike[];
  parent?: StackLike;
}

/** `Network.Initiator` / HAR `_initiator`, loosely: types Chrome added later map to "other". */
export interface BrowserInitiator {
  type?: string;
  url?: string;
  stack?: StackLike;
}

/** How many async parents of a stack are searched for a script URL (bounds a hostile deep stack). */
export const MAX_STACK_DEPTH = 32;

/** The URL of the innermost script on a stack: the first frame with a URL, in async parents too. */
export function scriptOfStack(stack: StackLike | undefined): string | undefined {
  let current = stack;
  for (let depth = 0; current && depth < MAX_STACK_DEPTH; depth += 1, current = current.parent) {
    for (const frame of current.callFrames ?? []) {
      if (frame.url) return frame.url;
    }
  }
  return undefined;
}

/**
 * The contract's initiator for a request:
 * - a redirect hop: `{ type: "redirect", url: <the previous hop> }` (the browser reports the first hop's
 *   initiator again; the hop before is what brought this URL);
 * - "script": the script on the stack; a script initiator without a URL anywhere (an `eval`, an inline
 *   handler) keeps the type and names the document when the browser gives it;
 * - "parser": the document (or stylesheet) being parsed;
 * - "preload" (`<link rel=preload>`, Link headers, speculative preloads): as given;
 * - anything else ("other", "preflight", "SignedExchange", future types): "other", with a URL if any.
 */
export function normaliseInitiator(
  initiator: BrowserInitiator | undefined,
  redirectedFrom?: string,
  documentUrl?: string,
): Initiator {
  if (redirectedFrom) return { type: 'redirect', url: redirectedFrom };
  const type = initiator?.type;
  const withUrl = (base: Omit<Initiator, 'url'>, url: string | undefined): Initiator =>
    url ? { ...base, url } : base;
  switch (type) {
    case 'script':
      return withUrl({ type: 'script' }, scriptOfStack(initiator?.stack) ?? initiator?.url ?? documentUrl);
    case 'parser':
      return withUrl({ type: 'parser' }, initiator?.url ?? documentUrl);
    case 'preload':
      return withUrl({ type: 'preload' }, initiator?.url ?? scriptOfStack(initiator?.stack));
    default:
      return withUrl({ type: 'other' }, initiator?.url ?? scriptOfStack(initiator?.stack));
  }
}
