/**
 * FNV-1a, 32 bit: a tiny deterministic fingerprint used for the model version and the API's ETag.
 * Not cryptographic, and does not need to be: it only has to change when the input changes.
 * http://www.isthe.com/chongo/tech/comp/fnv/
 */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnv1a(text: string): string {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
