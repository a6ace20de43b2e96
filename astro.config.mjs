// @ts-check
import { defineConfig } from 'astro/config';
import { cspHashes } from './scripts/csp-hashes.ts';
import { staticCards } from './scripts/static-cards.ts';

// Static output only: every page is prerendered into dist/, and the server work lives in Pages
// Functions under functions/. No @astrojs/cloudflare adapter: see docs/decisions.md.
export default defineConfig({
  output: 'static',
  // The public origin (https://tools.your-domain.example) for the static pages' canonical and og:url, read at
  // build time. Unset, pages state none rather than a wrong one; the /tti/ Function uses each request's origin.
  site: process.env['SITE_URL'] || undefined,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  // Hashes any inline <script> into public/_headers' CSP after the build (today there are none).
  // Renders the generic image cards into og/static/ (scripts/static-cards.ts).
  integrations: [cspHashes(), staticCards()],
});
