import type { TestProject } from 'vitest/node';
import { startDohServer } from './doh-server.ts';
import { ensureLocalChrome } from '../../scripts/lib/local-chrome.ts';
import { startFixtureSites } from './fixture-sites.ts';
import { browserProxyEnv } from './browser-proxy-env.ts';

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
  project.provide('renderProxy', sites.render.proxyUrl);
  // The browser of the workers pool (miniflare in this process) reaches fixture third parties through the
  // render world's proxy (render-world.ts); loopback bypasses it. Set before any browser starts.
  Object.assign(process.env, browserProxyEnv(sites.render.proxyUrl));
  await ensureLocalChrome();
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
    renderProxy: string;
    baseUrl: string;
  }
}
