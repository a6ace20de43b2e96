/**
 * Which resources hold back the first render, following the HTML standard and Chrome's
 * `renderBlockingStatus` (Resource Timing): a classic script with `src` and neither `async` nor `defer`,
 * or a stylesheet whose media may match, placed in the document's head. `blocking="render"` (HTML
 * standard, "blocking attributes") makes any script or stylesheet render-blocking wherever it is.
 *
 * We do not know the visitor's viewport, so a media query with features (`(min-width: 900px)`) counts as
 * possibly matching; only media types that never apply to a screen (`print`, `speech`, `not all`, unknown
 * types) make a stylesheet non-blocking.
 */

/** JavaScript MIME type essences (HTML standard) that make a `<script type>` a classic script. */
const JS_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

export type ScriptType = 'classic' | 'module' | 'data';

/** The HTML standard's "prepare the script element" type rules; `data` blocks are never fetched. */
export function scriptType(type: string | null, language: string | null = null): ScriptType {
  if (type === null || type.trim() === '') {
    if (language !== null && language.trim() !== '' && !/^javascript[\d.]*$/i.test(language.trim()))
      return 'data';
    return 'classic';
  }
  const essence = type.split(';')[0]!.trim().toLowerCase();
  if (JS_TYPES.has(essence)) return 'classic';
  if (essence === 'module') return 'module';
  return 'data';
}

/** Whether `blocking` lists the `render` token. */
export const hasBlockingRender = (blocking: string | null): boolean =>
  blocking !== null && blocking.toLowerCase().split(/\s+/).includes('render');

/** Whether a media query list may match a screen whose size we do not know. */
export function mediaMayMatch(media: string | null): boolean {
  if (media === null || media.trim() === '') return true;
  return media.split(',').some((query) => queryMayMatch(query.trim().toLowerCase()));
}

const SCREEN_TYPES = new Set(['all', 'screen']);

function queryMayMatch(query: string): boolean {
  if (query === '') return false; // an empty entry in a non-empty list is "not all"
  const match = /^(?:(not|only)\s+)?([a-z-]+)?\s*(?:and\s+)?(.*)$/.exec(query);
  if (!match) return true;
  const [, modifier, type, features] = match;
  const hasFeatures = (features ?? '').trim() !== '';
  if (type === undefined) return true; // feature-only query, e.g. "(min-width: 600px)"
  if (modifier === 'not') return hasFeatures || !SCREEN_TYPES.has(type);
  return SCREEN_TYPES.has(type);
}

export interface ScriptFacts {
  inHead: boolean;
  type: string | null;
  language?: string | null;
  async: boolean;
  defer: boolean;
  nomodule: boolean;
  blocking: string | null;
}

export function scriptIsRenderBlocking(s: ScriptFacts): boolean {
  const type = scriptType(s.type, s.language ?? null);
  if (type === 'data') return false;
  if (hasBlockingRender(s.blocking)) return true;
  // Module scripts are deferred by default; `nomodule` scripts are skipped by every module-capable browser.
  if (type === 'module' || s.nomodule) return false;
  return s.inHead && !s.async && !s.defer;
}

export interface StylesheetFacts {
  inHead: boolean;
  media: string | null;
  disabled: boolean;
  /** `rel` includes `alternate`: an alternative style sheet is not applied by default. */
  alternate: boolean;
  blocking: string | null;
}

export function stylesheetIsRenderBlocking(s: StylesheetFacts): boolean {
  if (s.disabled || s.alternate || !mediaMayMatch(s.media)) return false;
  return s.inHead || hasBlockingRender(s.blocking);
}
