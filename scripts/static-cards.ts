/**
 * Post-build step: renders the generic image cards (src/components/cards/site-card.ts) into
 * `<outDir>/og/static/{site,tti,deps}.png`, with the same renderer and fonts as the Functions. The plain
 * pages name them in og:image (src/layouts/Base.astro), and the card routes answer with them for an
 * invalid query or a missing report, so those cost no rendering at request time.
 *
 * Runs as an Astro integration (`astro:build:done`, so every `astro build --outDir X` gets it) or by hand:
 * `node scripts/static-cards.ts [outDir]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  SITE_CARDS,
  siteCardPath,
  siteCardSvg,
  type SiteCardName,
} from '../src/components/cards/site-card.ts';
import { CARD_FONTS, renderInNode } from './lib/card-renderer.ts';

/** Writes every generic card under `outDir`; returns the paths written. */
export async function writeStaticCards(outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const name of Object.keys(SITE_CARDS) as SiteCardName[]) {
    const file = join(outDir, siteCardPath(name));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, await renderInNode(siteCardSvg(name, CARD_FONTS).svg));
    written.push(file);
  }
  return written;
}

export function staticCards(): AstroIntegration {
  return {
    name: 'static-cards',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const written = await writeStaticCards(fileURLToPath(dir));
        logger.info(`${written.length} generic image cards rendered into og/static/`);
      },
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = await writeStaticCards(process.argv[2] ?? 'dist');
  console.log(written.join('\n'));
}
