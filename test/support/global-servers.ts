import type { TestProject } from 'vitest/node';
import { startDohServer } from './doh-server.ts';
import { startFixtureSites } from './fixture-sites.ts';
import { startPsiServer } from './psi-server.ts';

/**
 * Starts the loopback servers the functions and e2e projects talk to and provides their addresses:
 * the project's RFC 8484 DoH server (fixture zones, switchable faults) and fixture origins for scans,
 * and the fixture PageSpeed Insights server (recorded Lighthouse reports) for /api/measure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const doh = await startDohServer();
  const sites = await startFixtureSites();
  const psi = await startPsiServer();
  project.provide('psiEndpoint', psi.url);
  project.provide('psiControl', psi.controlUrl);
  project.provide('dohUpstreams', doh.url);
  project.provide('dohControl', doh.controlUrl);
  project.provide('scanAllowedOrigins', sites.origins.join(','));
  return async () => {
    await psi.stop();
    await sites.stop();
    await doh.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dohUpstreams: string;
    dohControl: string;
    scanAllowedOrigins: string;
    baseUrl: string;
    psiEndpoint: string;
    psiControl: string;
  }
}
