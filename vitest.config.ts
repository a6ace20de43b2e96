import { defineConfig } from 'vitest/config';
import { cloudflareTest, buildPagesASSETSBinding } from '@cloudflare/vitest-plugin';

/** The built site; SITE_DIST lets parallel builds use their own folder. */
const siteDist = process.env.SITE_DIST ?? 'dist';

/**
 * Three projects, one per kind of real part:
 * - unit:      pure modules in Node (src/core, scripts, data integrity).
 * - functions: Pages Functions called inside workerd (the vitest workers pool), with local KV, the Cache
 *              API and the built site as ASSETS; DoH goes to a real RFC 8484 server on loopback.
 * - e2e:       `wrangler pages dev` on loopback driven over HTTP and by Debian Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            miniflare: {
              compatibilityDate: '2026-08-22',
              compatibilityFlags: ['nodejs_compat'],
              kvNamespaces: ['KV'],
              // wrangler's default rules for the modules the Functions import (the card renderer's wasm and
              // fonts, functions/modules.d.ts); the pool applies none unless told.
              modulesRules: [
                { type: 'CompiledWasm', include: ['**/*.wasm'] },
                { type: 'Data', include: ['**/*.bin'] },
              ],
              // Rendered scans: miniflare launches the local browser (scripts/lib/local-chrome.ts).
              browserRendering: { binding: 'BROWSER' },
              bindings: {
                DOH_UPSTREAMS: inject<string>('dohUpstreams'),
                SCAN_ALLOWED_ORIGINS: inject<string>('scanAllowedOrigins'),
                ASN_SOURCE: 'cymru',
                TEST_DOH_CONTROL: inject<string>('dohControl'),
                PSI_ENDPOINT: inject<string>('psiEndpoint'),
                TEST_PSI_CONTROL: inject<string>('psiControl'),
                TEST_RENDER_AVAILABLE: inject<string>('renderAvailable'),
              },
              serviceBindings: { ASSETS: await buildPagesASSETSBinding(siteDist) },
            },
          })),
        ],
        test: {
          name: 'functions',
          include: ['test/functions/**/*.test.ts'],
          globalSetup: ['test/support/global-servers.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-servers.ts', 'test/support/global-pages-dev.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
