import type { TestProject } from 'vitest/node';
import { startDohServer } from './doh-server.ts';
import { startFixtureSites } from './fixture-sites.ts';

/**
 * Starts the loopback servers the functions and e2e projects talk to and provides their addresses:
 * the project's RFC 8484 DoH server (fixture zones, switchable faults) and fixture origins for scans.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const doh = await startDohServer();
  const sites = await startFixtureSites();
  project.provide('dohUpstreams', doh.url);
  project.provide('dohControl', doh.controlUrl);
  project.provide('scanAllowedOrigins', sites.origins.join(','));
  return async () => {
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
  }
}
