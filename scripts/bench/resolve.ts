/**
 * `npm run bench:resolve`: the resolver against the local DoH server with 20 ms injected latency per
 * query, 50 real third-party hosts from the fixture zones, cold then warm cache; and the same lookups
 * with an established npm DoH client (dohdec) under the same 6-connection bound.
 *
 * Lower bound (stated honestly): a cold host needs three dependent rounds (A/AAAA/NS → Team Cymru
 * origin → AS name), so no schedule beats 3 × latency; and with at most 6 queries in flight (the
 * Workers connection limit) Q distinct questions need at least ceil(Q / 6) rounds. The bound is
 * max(3, ceil(Q / 6)) × latency, with Q the distinct questions our client sent. A second line prices the
 * same rounds at the measured median round trip of one query (latency + loopback HTTP + server work).
 */
import { DNSoverHTTPS } from 'dohdec';
import { attributeHost } from '../../src/core/attribution/attribute-host.ts';
import { buildRangeIndex, type RangeTable } from '../../src/core/attribution/range-index.ts';
import { originQueryName } from '../../src/core/dns/cymru.ts';
import { createDohClient } from '../../src/core/dns/doh-client.ts';
import type { RecordType } from '../../src/core/dns/types.ts';
import { createLimiter } from '../../src/core/dns/limiter.ts';
import { MAX_CONCURRENT_QUERIES } from '../../src/core/dns/limits.ts';
import { createMemoryCache } from '../../src/core/dns/memory-cache.ts';
import { registrableZone } from '../../src/core/dns/registrable-zone.ts';
import { base64url, encodeQuery } from '../../src/core/dns/wire.ts';
import { resolveHosts } from '../../src/core/resolve/resolve-hosts.ts';
import table from '../../src/data/provider-ranges.json' with { type: 'json' };
import { spawn } from 'node:child_process';
import { freePort } from '../../test/support/pages-dev.ts';

/** Injected per-query latency: a typical DoH round trip to a nearby public resolver. */
const LATENCY_MS = 20;
/** Dependent rounds of a cold host: addresses (+NS, independent), origin ASN, AS name. */
const DEPENDENT_ROUNDS = 3;

/** 50 real third-party hosts (all in test/fixtures/zones/). */
const HOSTS = [
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'ajax.googleapis.com',
  'www.gstatic.com',
  'pagead2.googlesyndication.com',
  'securepubads.g.doubleclick.net',
  'stats.g.doubleclick.net',
  'www.youtube.com',
  'i.ytimg.com',
  'maps.googleapis.com',
  'storage.googleapis.com',
  'www.recaptcha.net',
  'cdnjs.cloudflare.com',
  'static.cloudflareinsights.com',
  'challenges.cloudflare.com',
  'unpkg.com',
  'cdn.jsdelivr.net',
  'cdn.onesignal.com',
  'js.hs-scripts.com',
  'cdn.shopify.com',
  'cdn.cookielaw.org',
  'assets.fixture-shop.com',
  'cdn.segment.com',
  'js.intercomcdn.com',
  'widget.intercom.io',
  'cdn.amplitude.com',
  'm.media-amazon.com',
  'images-na.ssl-images-amazon.com',
  'static.hotjar.com',
  'www.apple.com',
  'www.microsoft.com',
  'assets.adobedtm.com',
  'www.paypalobjects.com',
  's.yimg.com',
  'www.redditstatic.com',
  'i.redd.it',
  'code.jquery.com',
  'pypi.org',
  'media.giphy.com',
  'github.githubassets.com',
  'cdn.sstatic.net',
  'js.monitor.azure.com',
  'cdn.fixture-azure.com',
  'api.fixture-azure.com',
  'az416426.vo.msecnd.net',
  'connect.facebook.net',
  'www.facebook.com',
  'www.instagram.com',
];

const server = await startServerProcess();
const counts = async (): Promise<number> =>
  ((await (await fetch(server.controlUrl)).json()) as { total: number }).total;
const resetCounts = () =>
  fetch(server.controlUrl, { method: 'POST', body: JSON.stringify({ resetCounts: true }) });
try {
  const ranges = buildRangeIndex(table as unknown as RangeTable);
  const client = createDohClient({
    upstreams: [server.url],
    fetch,
    cache: createMemoryCache(),
    maxConcurrency: MAX_CONCURRENT_QUERIES,
  });
  const run = () =>
    resolveHosts(HOSTS, null, {
      client,
      attribute: (obs, page) => attributeHost(obs, page, ranges),
      deadlineMs: 60_000,
    });

  // Warm the HTTP connections and JIT on unrelated names, so cold measures DNS, not TCP setup.
  await Promise.all(['site.fixture.test', 'api.fixture.test'].map((h) => client.query(h, 'A')));
  await resetCounts();
  const before = client.stats().queries;

  let started = performance.now();
  const cold = await run();
  const coldMs = performance.now() - started;
  const coldQueries = client.stats().queries - before;
  const errors = cold.hosts.filter((h) => h.errors.length > 0).map((h) => `${h.host}: ${h.errors[0]?.code}`);
  const attributed = cold.hosts.filter((h) => h.providers.length > 0).length;

  started = performance.now();
  const warm = await run();
  const warmMs = performance.now() - started;
  const warmQueries = client.stats().queries - before - coldQueries;
  const warmSame = JSON.stringify(warm.hosts) === JSON.stringify(cold.hosts);

  const rounds = Math.max(DEPENDENT_ROUNDS, Math.ceil(coldQueries / MAX_CONCURRENT_QUERIES));
  const lowerBoundMs = rounds * LATENCY_MS;

  // The same lookups with dohdec (wire format, GET), same 6 in flight, no cache or de-duplication of its own.
  const dohdec = new DNSoverHTTPS({ url: server.url, preferPost: false });
  const slots = createLimiter(MAX_CONCURRENT_QUERIES);
  await resetCounts();
  started = performance.now();
  await Promise.all(
    HOSTS.map(async (host) => {
      const wire = (name: string, rrtype: RecordType) =>
        slots.run(() => dohdec.lookup(name, { rrtype, json: false, decode: true }) as Promise<Packet>);
      const zone = registrableZone(host);
      const [a] = await Promise.all([wire(host, 'A'), wire(host, 'AAAA'), zone ? wire(zone, 'NS') : null]);
      const ip = a.answers?.filter((r) => r.type === 'A').at(-1)?.data as string | undefined;
      const origin = ip ? originQueryName(ip) : null;
      if (!origin) return;
      const txt = await wire(origin, 'TXT');
      const asn = /^\d+/.exec(txtData(txt))?.[0];
      if (asn) await wire(`AS${asn}.asn.cymru.com`, 'TXT');
    }),
  );
  const dohdecMs = performance.now() - started;
  const dohdecQueries = await counts();

  // What one round really costs: the median round trip of a query at the same 6 in flight.
  const trips: number[] = [];
  await Promise.all(
    HOSTS.map((host) =>
      slots.run(async () => {
        const t = performance.now();
        await (await fetch(`${server.url}?dns=${base64url(encodeQuery(host, 'A'))}`)).arrayBuffer();
        trips.push(performance.now() - t);
      }),
    ),
  );
  const roundTripMs = trips.sort((a, b) => a - b)[trips.length >> 1] as number;

  const f = (n: number) => n.toFixed(1);
  console.log(
    `bench:resolve — ${HOSTS.length} hosts, ${LATENCY_MS} ms per DoH query, ${MAX_CONCURRENT_QUERIES} in flight`,
  );
  console.log(
    `  cold:   ${f(coldMs)} ms, ${coldQueries} DoH queries (${(coldQueries / HOSTS.length).toFixed(2)} per host), ${attributed}/${HOSTS.length} hosts attributed, errors: ${errors.length ? errors.join('; ') : 'none'}`,
  );
  console.log(
    `  lower bound: max(${DEPENDENT_ROUNDS} dependent rounds, ceil(${coldQueries}/${MAX_CONCURRENT_QUERIES}) = ${Math.ceil(coldQueries / MAX_CONCURRENT_QUERIES)} connection rounds) × ${LATENCY_MS} ms = ${lowerBoundMs} ms`,
  );
  console.log(`  cold / lower bound: ${(coldMs / lowerBoundMs).toFixed(2)}× (goal ≤ 1.5×)`);
  console.log(
    `  with the real round trip (${f(roundTripMs)} ms median at ${MAX_CONCURRENT_QUERIES} in flight): ${rounds} rounds = ${(rounds * roundTripMs).toFixed(0)} ms; cold / that: ${(coldMs / (rounds * roundTripMs)).toFixed(2)}×`,
  );
  console.log(
    `  warm:   ${f(warmMs)} ms, ${warmQueries} DoH queries, same result as cold: ${warmSame ? 'yes' : 'NO'} (goal < 20 ms)`,
  );
  console.log(
    `  dohdec: ${f(dohdecMs)} ms, ${dohdecQueries} DoH queries (${(dohdecQueries / HOSTS.length).toFixed(2)} per host); ours cold / dohdec: ${(coldMs / dohdecMs).toFixed(2)}×`,
  );
} finally {
  await server.stop();
}

interface Packet {
  answers?: Array<{ type: string; data: unknown }>;
}

function txtData(packet: Packet): string {
  const data = packet.answers?.find((r) => r.type === 'TXT')?.data;
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (p instanceof Uint8Array ? new TextDecoder().decode(p) : String(p ?? ''))).join('');
}

/**
 * The DoH server in its own process (`npm run doh:local`), so its work does not share the bench's
 * event loop and inflate the client's timings.
 */
async function startServerProcess(): Promise<{ url: string; controlUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const script = new URL('../doh-local.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, '--port', String(port), '--latency', String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /DOH_UPSTREAMS=(\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`doh:local exited with ${code}: ${output}`)));
  });
  return {
    url,
    controlUrl: url.replace('/dns-query', '/_control'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
