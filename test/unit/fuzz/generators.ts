/**
 * fast-check generators shared by the fuzz tests (Node and workerd): strings and URLs chosen to break
 * parsers, not just random ones. Pure (fast-check only), so both vitest projects import it.
 */
import fc from 'fast-check';

/** Strings that have broken real parsers: control characters, surrogates, RTL, huge numbers, markup. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\u202E',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '<script>alert(1)</script>',
  '"\'`',
  '{}',
  '[]',
  'null',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '9'.repeat(400),
  'a'.repeat(5_000),
  '__proto__',
  'constructor',
  'xn--',
  'xn--zz',
  '..',
  '.',
  'localhost',
  '127.0.0.1',
  '[::1]',
  '0',
  'ÿ',
  '😀',
] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
);

/** Hostnames: valid, IDN, over-long labels, IP literals, junk. */
export const hostileHost: fc.Arbitrary<string> = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.constantFrom(
    'münchen.de',
    'xn--mnchen-3ya.de',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(130)}com`,
    'a..b',
    '-a.com',
  ),
  hostileString,
);

/** URL-ish strings: well formed, odd schemes, credentials, ports, giant or malformed. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('http', 'https', 'ws', 'wss', 'ftp', 'data', 'javascript', 'file', 'blob', 'HTTP', ''),
      hostileHost,
      fc.oneof(
        fc.constant(''),
        fc.integer({ min: -1, max: 70_000 }).map((p) => `:${p}`),
      ),
      fc.oneof(
        fc.constant('/'),
        hostileString.map((s) => `/${s}`),
      ),
    )
    .map(([scheme, host, port, path]) => `${scheme}://${host}${port}${path}`),
  fc.constantFrom(
    'http://user:pass@example.com/',
    'https://example.com:0/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
  ),
  hostileString,
);
