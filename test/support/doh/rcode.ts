/**
 * DNS response codes by name (RFC 1035 §4.1.1). dns-packet decodes the RCODE into a word but encodes it
 * only from the low 4 bits of `flags`, so whoever builds a response sets those bits from the word.
 */
export const RCODES: Readonly<Record<string, number>> = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
};

/** RCODE bits of a header's flags for a code word (RFC 1035 §4.1.1: the low 4 bits). */
const RCODE_MASK = 0xf;

/** `flags` with its RCODE bits set to `rcode` (NOERROR for a word not listed). */
export function withRcode(flags: number, rcode: string): number {
  return (flags & ~RCODE_MASK) | (RCODES[rcode] ?? 0);
}
