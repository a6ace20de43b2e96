import { readFileSync } from 'node:fs';

/** A JSONC file (wrangler.jsonc) as data: JSON with // and /* comments and trailing commas. */
export function readJsonc(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
}

/** The compatibility settings of the project's wrangler.jsonc (the Pages Functions build ignores them). */
export function compatibility(path = new URL('../../wrangler.jsonc', import.meta.url).pathname): {
  date: string;
  flags: string[];
} {
  const config = readJsonc(path);
  return {
    date: String(config['compatibility_date']),
    flags: (config['compatibility_flags'] as string[] | undefined) ?? [],
  };
}
