import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserProxyEnv } from './browser-proxy-env.ts';
import { startPagesDev } from './pages-dev.ts';

/** Serves the built site with its Functions for the e2e project, wired to the loopback servers. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A fresh local-KV/cache folder per run: runs never see each other's reports or cached answers.
  const state = mkdtempSync(join(tmpdir(), 'pages-dev-state-'));
  const server = await startPagesDev(
    {
      DOH_UPSTREAMS: project.getProvidedContext().dohUpstreams,
      SCAN_ALLOWED_ORIGINS: project.getProvidedContext().scanAllowedOrigins,
      // Every e2e test is one local client: the default scan burst would 429 the next test.
      RATE_LIMIT_PER_MINUTE: '1000',
      PSI_ENDPOINT: project.getProvidedContext().psiEndpoint,
      // The fixture answers at once; only its "slow" case waits, and tests need not wait a minute for it.
      PSI_TIME_LIMIT_MS: '4000',
    },
    state,
    { env: browserProxyEnv(project.getProvidedContext().renderProxy) },
  );
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    await server.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
