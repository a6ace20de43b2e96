/**
 * The URLs of a `srcset` / `imagesrcset` attribute, following the HTML standard's "parse a srcset
 * attribute" algorithm: candidates are separated by commas, but a URL may itself contain commas (data
 * URLs, CDN transforms like `/w_100,h_50/`), and descriptors may contain commas inside parentheses.
 * Descriptors are not needed here, so they are skipped, not validated.
 */
export function parseSrcset(value: string): string[] {
  const urls: string[] = [];
  const isSpace = (c: string | undefined) => c !== undefined && /[ \t\n\r\f]/.test(c);
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (isSpace(value[i]) || value[i] === ',')) i += 1;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !isSpace(value[i])) i += 1;
    let url = value.slice(start, i);
    if (url.endsWith(',')) {
      // Trailing commas end the candidate; there are no descriptors.
      url = url.replace(/,+$/, '');
    } else {
      // Skip descriptors up to the next comma that is not inside parentheses.
      let depth = 0;
      while (i < value.length) {
        const c = value[i];
        if (c === '(') depth += 1;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i += 1;
      }
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}
