import type { TestProject } from 'vitest/node';
import { startPagesDev } from './pages-dev.ts';

/** Serves the built site with its Functions for the e2e project, wired to the loopback servers. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPagesDev(
    {
      DOH_UPSTREAMS: project.getProvidedContext().dohUpstreams,
      SCAN_ALLOWED_ORIGINS: project.getProvidedContext().scanAllowedOrigins,
    },
    '.wrangler/test-state',
  );
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}
