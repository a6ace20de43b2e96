// @ts-check
import { defineConfig } from 'astro/config';

// Static output only: every page is prerendered into dist/, and the server work lives in Pages
// Functions under functions/. No @astrojs/cloudflare adapter: see docs/decisions.md.
export default defineConfig({
  output: 'static',
  site: 'https://tools.example.com',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
});
