import { MAX_INLINE_SCRIPT_CHARS } from './limits.ts';

/**
 * Finds absolute URL literals in inline JavaScript: `'https://cdn.example/x.js'`, `"//tags.example/t.js"`,
 * template literals without substitutions, and the JSON-escaped form `https:\/\/...`. They are reported as
 * `inferred`: a literal is a strong hint of a third party (tag managers, analytics loaders) but not proof
 * of a request. Relative strings are ignored: in code they are far more often routes or keys than assets.
 */

/** A quote, an absolute or protocol-relative http(s) URL, the same quote. */
const LITERAL = /(["'`])((?:https?:)?(?:\/\/|\\\/\\\/)[^"'`\s<>\\]*(?:\\\/[^"'`\s<>\\]*)*)\1/gi;

/** Hosts must look like real names (letters, digits, dots, dashes, optional port) to count. */
const HOST = /^(?:https?:)?\/\/([a-z0-9.-]+\.[a-z0-9-]+|\[[0-9a-f:.]+\])(?::\d+)?(?:[/?#]|$)/i;

export function findScriptUrls(input: string, maxChars = MAX_INLINE_SCRIPT_CHARS): string[] {
  const source = input.length > maxChars ? input.slice(0, maxChars) : input;
  const found: string[] = [];
  for (const match of source.matchAll(LITERAL)) {
    const quote = match[1];
    const raw = (match[2] as string).replace(/\\\//g, '/');
    if (quote === '`' && raw.includes('${')) continue;
    if (!HOST.test(raw)) continue;
    found.push(raw);
  }
  return found;
}
