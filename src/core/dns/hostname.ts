/**
 * Host names as users and pages write them → the ASCII form DNS needs. IDNs become punycode (UTS #46
 * via the WHATWG URL parser, the same mapping browsers use); IP literals are recognised so they skip DNS.
 */
import { MAX_HOSTNAME_LENGTH, MAX_LABEL_LENGTH } from './limits.ts';

export type ParsedHost =
  | { ok: true; kind: 'name'; host: string }
  | { ok: true; kind: 'ipv4' | 'ipv6'; host: string }
  | { ok: false; message: string };

/** RFC 952/1123 letter-digit-hyphen labels; underscores are tolerated because real CNAME targets use them. */
const LABEL = /^(?!-)[a-z0-9_-]+(?<!-)$/;

export function parseHost(input: string): ParsedHost {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '') return { ok: false, message: 'The host is empty.' };
  if (/[/?#@\s]/.test(trimmed)) return { ok: false, message: 'A host has no path, query, user or spaces.' };
  const bracketed = trimmed.startsWith('[') ? trimmed : trimmed.includes(':') ? `[${trimmed}]` : trimmed;
  let ascii: string;
  try {
    ascii = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return { ok: false, message: `"${truncate(trimmed)}" is not a valid host name.` };
  }
  if (ascii.startsWith('[')) return { ok: true, kind: 'ipv6', host: ascii.slice(1, -1) };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ascii)) return { ok: true, kind: 'ipv4', host: ascii };
  if (ascii.length > MAX_HOSTNAME_LENGTH) {
    return { ok: false, message: `A host name has at most ${MAX_HOSTNAME_LENGTH} characters.` };
  }
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, message: 'A host name needs at least two labels.' };
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH) {
      return { ok: false, message: `A label has at most ${MAX_LABEL_LENGTH} characters.` };
    }
    if (!LABEL.test(label)) return { ok: false, message: `"${truncate(label)}" is not a valid DNS label.` };
  }
  return { ok: true, kind: 'name', host: ascii };
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
