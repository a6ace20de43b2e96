/**
 * Decodes character references in an attribute value. HTMLRewriter hands attribute values over raw
 * (`a.css?x=1&amp;y=2`), so every URL taken from an attribute passes through here first.
 *
 * Numeric references are decoded fully (with the HTML standard's replacements for NUL, surrogates and out
 * of range). Of the 2,231 named references only those that can change a URL are decoded; an unknown name
 * is left as is, which is also what the HTML tokenizer does for names it does not know.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  sol: '/',
  colon: ':',
  period: '.',
  comma: ',',
  quest: '?',
  equals: '=',
  num: '#',
  percnt: '%',
  plus: '+',
  lpar: '(',
  rpar: ')',
  Tab: '\t',
  NewLine: '\n',
  excl: '!',
  commat: '@',
  lowbar: '_',
  dollar: '$',
  semi: ';',
  bsol: '\\',
  ast: '*',
};

/** Names the HTML standard also decodes without the trailing semicolon (legacy references). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp']);

export function decodeAttribute(value: string): string {
  if (!value.includes('&')) return value;
  const pattern = /&(?:#([xX][0-9a-fA-F]+|[0-9]+);?|([a-zA-Z][a-zA-Z0-9]*)(;?))/g;
  return value.replace(pattern, (whole: string, num?: string, name?: string, semi?: string, offset = 0) => {
    if (num !== undefined) {
      const code = num[0] === 'x' || num[0] === 'X' ? parseInt(num.slice(1), 16) : parseInt(num, 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || !Number.isFinite(code)) {
        return '\ufffd';
      }
      return String.fromCodePoint(code);
    }
    const replacement = NAMED[name as string];
    if (replacement === undefined) return whole;
    if (semi === ';') return replacement;
    // Without ';' only legacy names decode, and in attributes not when '=' follows (HTML standard, "named
    // character reference state"): `?a=1&amp=2` keeps its text, `?a=1&amp&b` does not.
    const next = value[offset + whole.length];
    return LEGACY.has(name as string) && next !== '=' ? replacement : whole;
  });
}
