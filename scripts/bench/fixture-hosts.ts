import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ZONES = new URL('../../test/fixtures/zones/', import.meta.url).pathname;
const PROVIDER_ZONES = ['google', 'cloudflare', 'cloudfront', 'akamai', 'fastly', 'azure', 'meta'];

/**
 * Up to `count` real third-party names of the provider zones (test/fixtures/zones/): each block starts
 * with a `; host.name` comment. The local DoH server answers all of them.
 */
export function benchHosts(count: number): string[] {
  const hosts: string[] = [];
  for (const zone of PROVIDER_ZONES) {
    for (const line of readFileSync(join(ZONES, `${zone}.zone`), 'utf8').split('\n')) {
      const match = /^; ([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*$/i.exec(line.trim());
      if (match) hosts.push(match[1] as string);
    }
  }
  return [...new Set(hosts)].slice(0, count);
}
