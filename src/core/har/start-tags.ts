/**
 * A small HTML start-tag reader for the page's own HTML inside a HAR: enough of the HTML standard's
 * tokenizer to find every element the parser would create a fetch for, without a DOM (the mapper page
 * runs it in the browser's main thread, the tests in Node). It skips comments, doctypes and processing
 * instructions, and the raw text of script, style, textarea, title, xmp, noembed, noframes, noscript
 * (scripting on: its content is not parsed) and template (inert: nothing in it loads), so a "<script"
 * inside a string or a comment is never taken for an element. Linear in the input; no regular expression
 * that can backtrack.
 */

export interface StartTag {
  /** Lower-case tag name. */
  name: string;
  /** Attributes as written (raw: character references not decoded), first occurrence of a name wins. */
  attrs: Map<string, string>;
}

/** Elements whose content is text to the tokenizer (or, for template and noscript, never loads). */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'noscript',
  'template',
  'plaintext',
]);

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

export function* startTags(html: string): Generator<StartTag> {
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) return;
    i = lt + 1;
    const c = html[i];
    if (c === '!') {
      // <!-- comment --> ends at the first "-->"; <!doctype …> and other markup declarations at ">".
      const end = html.startsWith('!--', i) ? html.indexOf('-->', i + 3) : html.indexOf('>', i);
      if (end === -1) return;
      i = end + (html.startsWith('!--', i) ? 3 : 1);
      continue;
    }
    if (c === '?' || c === '/') {
      // A processing instruction (a bogus comment to HTML) or an end tag: skip to ">".
      const end = html.indexOf('>', i);
      if (end === -1) return;
      i = end + 1;
      continue;
    }
    if (!isAlpha(c)) continue;
    let j = i;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    const name = html.slice(i, j).toLowerCase();
    const attrs = new Map<string, string>();
    i = readAttributes(html, j, attrs);
    // The document ended inside the tag: the HTML tokenizer emits no element for it.
    if (i === -1) return;
    yield { name, attrs };
    if (RAW_TEXT.has(name)) {
      if (name === 'plaintext') return;
      i = skipRawText(html, i, name);
    }
  }
}

/** Reads attributes from `i` to the end of the tag; returns the index after ">", or -1 at the end of input. */
function readAttributes(html: string, start: number, attrs: Map<string, string>): number {
  let i = start;
  const n = html.length;
  for (;;) {
    while (i < n && (isSpace(html[i]) || html[i] === '/')) i++;
    if (i >= n) return -1;
    if (html[i] === '>') return i + 1;
    let j = i;
    // An attribute name runs to whitespace, "/", ">" or "=" (a leading "=" is part of the name).
    j++;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=') j++;
    const name = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < n && isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, i + 1);
        if (end === -1) return -1;
        value = html.slice(i + 1, end);
        i = end + 1;
      } else {
        j = i;
        while (j < n && !isSpace(html[j]) && html[j] !== '>') j++;
        value = html.slice(i, j);
        i = j;
      }
    }
    if (!attrs.has(name)) attrs.set(name, value);
  }
}

/** The index after `</name` … `>` closing a raw-text element (name case-insensitive), or the end. */
function skipRawText(html: string, start: number, name: string): number {
  let i = start;
  for (;;) {
    const end = html.indexOf('</', i);
    if (end === -1) return html.length;
    const after = html[end + 2 + name.length];
    if (
      html.slice(end + 2, end + 2 + name.length).toLowerCase() === name &&
      (after === undefined || after === '>' || after === '/' || isSpace(after))
    ) {
      const close = html.indexOf('>', end);
      return close === -1 ? html.length : close + 1;
    }
    i = end + 2;
  }
}
