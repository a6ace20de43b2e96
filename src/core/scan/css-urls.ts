import { MAX_INLINE_STYLE_CHARS } from './limits.ts';

/**
 * Finds the URLs a piece of CSS loads: `url(...)` / `src(...)`-style references and `@import` rules,
 * following CSS Syntax Level 3 closely enough for this purpose: comments are skipped, strings (with
 * escapes) are read whole, and unquoted `url(` tokens end at the first `)`. Not a validating parser: it
 * only has to never miss a real reference and never invent one from a comment or a string that is not one.
 */

export interface CssReference {
  url: string;
  kind: 'css-url' | 'css-import';
  /** For `@import`: its media query list (empty when absent). */
  media?: string;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** Decodes CSS escapes (`\41 `, `\"`) inside a string or url token. */
function unescapeCss(text: string): string {
  return text.replace(
    /\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|([\s\S]))/g,
    (_, hex, newline, char) => {
      if (hex) {
        const code = parseInt(hex, 16);
        return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
          ? '\ufffd'
          : String.fromCodePoint(code);
      }
      if (newline) return '';
      return char as string;
    },
  );
}

/** Reads a quoted string starting at `start` (the quote); returns its value and the index after it. */
function readString(css: string, start: number): { value: string; end: number } {
  const quote = css[start];
  let i = start + 1;
  while (i < css.length && css[i] !== quote) {
    if (css[i] === '\\') i += 2;
    else if (css[i] === '\n')
      break; // unterminated string: ends at the newline (bad-string)
    else i += 1;
  }
  return { value: unescapeCss(css.slice(start + 1, Math.min(i, css.length))), end: i + 1 };
}

/** Reads `url(` contents starting right after the parenthesis. */
function readUrlArgument(css: string, start: number): { value: string; end: number } {
  let i = start;
  while (isSpace(css[i])) i += 1;
  if (css[i] === '"' || css[i] === "'") {
    const str = readString(css, i);
    const close = css.indexOf(')', str.end);
    return { value: str.value, end: close === -1 ? css.length : close + 1 };
  }
  let j = i;
  while (j < css.length && css[j] !== ')') j += css[j] === '\\' ? 2 : 1;
  return { value: unescapeCss(css.slice(i, j).trim()), end: j + 1 };
}

export function extractCssUrls(input: string, maxChars = MAX_INLINE_STYLE_CHARS): CssReference[] {
  const css = input.length > maxChars ? input.slice(0, maxChars) : input;
  const out: CssReference[] = [];
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const close = css.indexOf('*/', i + 2);
      i = close === -1 ? css.length : close + 2;
    } else if (c === '"' || c === "'") {
      i = readString(css, i).end;
    } else if (c === '\\') {
      i += 2;
    } else if (c === '@' && css.slice(i + 1, i + 7).toLowerCase() === 'import' && !isIdentChar(css[i + 7])) {
      i = readImport(css, i + 7, out);
    } else if (
      (c === 'u' || c === 'U') &&
      css.slice(i, i + 4).toLowerCase() === 'url(' &&
      !isIdentChar(css[i - 1])
    ) {
      const arg = readUrlArgument(css, i + 4);
      if (arg.value !== '') out.push({ url: arg.value, kind: 'css-url' });
      i = arg.end;
    } else {
      i += 1;
    }
  }
  return out;
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[a-zA-Z0-9_-]/.test(c);
}

/** `@import "a.css" print;` or `@import url(a.css) layer(x) screen;` */
function readImport(css: string, start: number, out: CssReference[]): number {
  let i = start;
  while (isSpace(css[i])) i += 1;
  let value: string | null = null;
  if (css[i] === '"' || css[i] === "'") {
    const str = readString(css, i);
    value = str.value;
    i = str.end;
  } else if (css.slice(i, i + 4).toLowerCase() === 'url(') {
    const arg = readUrlArgument(css, i + 4);
    value = arg.value;
    i = arg.end;
  }
  const semicolon = css.indexOf(';', i);
  const end = semicolon === -1 ? css.length : semicolon;
  if (value) {
    // Drop layer()/supports() conditions; what remains is the media query list.
    const media = css
      .slice(i, end)
      .replace(/\b(?:layer|supports)\s*\([^)]*\)|\blayer\b/gi, '')
      .trim();
    out.push({ url: value, kind: 'css-import', media });
  }
  return end + 1;
}
