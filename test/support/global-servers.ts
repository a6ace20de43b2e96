import type { TestProject } from 'vitest/node';
import { startDohServer } from './doh-server.ts';
import { ensureLocalChrome } from '../../scripts/lib/local-chrome.ts';
import { startFixtureSites } from './fixture-sites.ts';
import { startPsiServer } from './psi-server.ts';
import { browserProxyEnv } from './browser-proxy-env.ts';

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
  project.provide('renderProxy', sites.render.proxyUrl);
  // The browser of the workers pool (miniflare in this process) reaches fixture third parties through the
  // render world's proxy (render-world.ts); loopback bypasses it. Set before any browser starts.
  Object.assign(process.env, browserProxyEnv(sites.render.proxyUrl));
  // The browser behind the BROWSER binding. Without one (no Chromium, offline) the rendered-scan suites
  // report themselves skipped with this reason; CI has made Chromium a requirement before we get here.
  const render = await ensureLocalChrome().then(
    () => 'yes',
    (error: unknown) => `no: ${error instanceof Error ? error.message : String(error)}`,
  );
  if (render !== 'yes') console.warn(`Rendered-scan tests will be skipped: ${render.slice(4)}`);
  project.provide('renderAvailable', render);
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
    renderProxy: string;
    /** "yes", or "no: <why>" when no browser can be launched (rendered-scan suites skip, saying why). */
    renderAvailable: string;
    baseUrl: string;
    psiEndpoint: string;
    psiControl: string;
  }
}
