/**
 * Regenerates the fonts of the image cards (src/data/fonts/): Inter Regular and Bold, cut down to the
 * characters a card prints, so the Functions bundle carries about 47 KB per weight instead of 260 KB.
 *
 *   npm run data:card-fonts
 *
 * Needs Debian's `fonts-inter` (the source fonts, /usr/share/fonts/opentype/inter/) and
 * `python3-fonttools` (pyftsubset): `apt-get install fonts-inter python3-fonttools`.
 *
 * Source and licence: Inter 4.0 beta 7 by The Inter Project Authors (https://github.com/rsms/inter), as
 * packaged by Debian (fonts-inter 4.0~beta7+ds-1), SIL Open Font License 1.1 (src/data/fonts/OFL.txt).
 * Inter declares no Reserved Font Name, so the subset keeps the family name "Inter", which the card's SVG
 * names (resvg silently falls back when the name inside the file does not match).
 *
 * The files end in `.bin` because that is the extension wrangler bundles as an ArrayBuffer (its default
 * module rules; Pages Functions builds take no custom rules).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const OUT_DIR = `${here}../../src/data/fonts`;
const SOURCE_DIR = '/usr/share/fonts/opentype/inter';

/**
 * What a card can print: ASCII; Latin-1 and Latin Extended-A (names of companies and places); the
 * punctuation our texts use (– — ‘ ’ “ ” • … and the thin and narrow no-break spaces that Intl puts in
 * some amounts); every currency symbol Intl's English locale writes for an ISO 4217 code (€ £ ¥ ₹ ₩ ₪ ₫
 * ₱ ₦ ₴ ₺); arrows → ↑ ↓; minus − and ≈. Anything else is replaced by "?" before rendering
 * (src/core/cards/card-text.ts reads the coverage from the font itself).
 */
export const CARD_UNICODES = [
  'U+0020-007E',
  'U+00A0-017F',
  'U+2009',
  'U+2013-2014',
  'U+2018-201D',
  'U+2022',
  'U+2026',
  'U+202F',
  'U+20A6',
  'U+20A9-20AC',
  'U+20B1',
  'U+20B4',
  'U+20B9-20BA',
  'U+2191-2193',
  'U+2212',
  'U+2248',
].join(',');

/** Debian's python3-fonttools lives in the system Python; PYTHON overrides it (e.g. a venv with fonttools). */
const PYTHON = process.env['PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

const WEIGHTS = [
  ['Inter-Regular.otf', 'inter-card-regular.bin'],
  ['Inter-Bold.otf', 'inter-card-bold.bin'],
] as const;

for (const [source, output] of WEIGHTS) {
  const from = `${SOURCE_DIR}/${source}`;
  if (!existsSync(from)) {
    console.error(`${from} is missing: apt-get install fonts-inter`);
    process.exit(1);
  }
  const result = spawnSync(
    PYTHON,
    [
      '-m',
      'fontTools.subset',
      from,
      `--unicodes=${CARD_UNICODES}`,
      // Kerning only: the cards set plain lines of text, and pair kerning is what makes headlines even.
      '--layout-features=kern',
      // Hinting does nothing at these sizes in resvg; plain charstrings compress better in the bundle.
      '--no-hinting',
      '--desubroutinize',
      // Family, style, full and PostScript names: resvg matches the family and weight.
      '--name-IDs=1,2,4,6',
      `--output-file=${OUT_DIR}/${output}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error('pyftsubset failed: apt-get install python3-fonttools');
    process.exit(result.status ?? 1);
  }
  console.log(`${output} written`);
}
