/**
 * The project's RFC 8484 DoH server on loopback: GET `?dns=` (base64url) and POST
 * `application/dns-message` on /dns-query, answering from the fixture zones in test/fixtures/zones/
 * like a recursive resolver (CNAME chains in one response, NXDOMAIN/NODATA with SOA). A control
 * endpoint switches faults on and counts queries per question, so tests can prove caching and
 * de-duplication:
 *   POST {controlUrl}  {latencyMs, servfailRate, timeoutRate, malformedRate, truncatedRate, http5xxRate,
 *                       seed, match, reset?: true, resetCounts?: true, resetRebind?: true}  → the config
 *   GET  {controlUrl}  → { config, total, counts: { "A example.com": n, ... }, rebind: { "A name": n } }
 * `reset` restores everything: no faults, zero counts, and every REBIND name (test/fixtures/zones/README.md)
 * back at its first address. `resetRebind` does only the last, so a rebinding test does not clear the
 * faults or counts of tests running beside it; `resetCounts` leaves REBIND counters alone for the same
 * reason.
 * Used by the test global setup, `npm run doh:local` and `npm run bench:resolve`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { mergeFaults, NO_FAULTS, seededRandom, type FaultConfig } from './doh/faults.ts';
import { withRcode } from './doh/rcode.ts';
import { loadZones, type Fault } from './doh/zone-file.ts';
import { NEGATIVE_TTL_S, ZoneResolver, type ZoneAnswer } from './doh/zone-resolver.ts';

export interface DohServer {
  /** e.g. http://127.0.0.1:PORT/dns-query */
  url: string;
  /** Base URL of the fault-control endpoint, e.g. http://127.0.0.1:PORT/_control */
  controlUrl: string;
  stop(): Promise<void>;
}

export interface DohServerOptions {
  /** Folder of *.zone files; default test/fixtures/zones/. */
  zonesDir?: string;
  /** Faults (and latency) from the start, e.g. { latencyMs: 20 } for the bench. */
  faults?: Partial<FaultConfig>;
  /** Port to listen on; default a free one. */
  port?: number;
}

export const DEFAULT_ZONES_DIR = fileURLToPath(new URL('../fixtures/zones/', import.meta.url));
/** Largest POST body read: the DNS message maximum (RFC 8484 §6 via RFC 1035). */
const MAX_BODY = 65_535;
/** A "timeout" fault holds the request this long at most, then drops it (clients give up far sooner). */
const HOLD_MS = 30_000;

export async function startDohServer(options: DohServerOptions = {}): Promise<DohServer> {
  const zones = new ZoneResolver(await loadZones(options.zonesDir ?? DEFAULT_ZONES_DIR));
  let config = mergeFaults(NO_FAULTS, options.faults ?? {});
  let random = seededRandom(config.seed);
  const counts = new Map<string, number>();
  let total = 0;
  const held = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/_control') return control(request, response);
    if (url.pathname !== '/dns-query') return plain(response, 404, 'not found');
    let message: Buffer;
    if (request.method === 'GET') {
      const dns = url.searchParams.get('dns');
      if (!dns || !/^[A-Za-z0-9_-]+$/.test(dns))
        return plain(response, 400, 'missing or invalid dns parameter');
      message = Buffer.from(dns, 'base64url');
    } else if (request.method === 'POST') {
      if (request.headers['content-type'] !== 'application/dns-message') {
        return plain(response, 415, 'use application/dns-message');
      }
      const body = await readBody(request, MAX_BODY);
      if (!body) return plain(response, 413, 'body too large');
      message = body;
    } else {
      return plain(response, 405, 'GET or POST');
    }
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return plain(response, 400, 'undecodable DNS message');
    }
    const question = query.questions?.[0];
    if (!question) return plain(response, 400, 'no question');
    const name = question.name.toLowerCase();
    const key = `${question.type} ${name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;

    const faulty =
      config.match === '' || name === config.match || name.endsWith(`.${config.match.replace(/^\./, '')}`);
    if (faulty && config.latencyMs > 0) await new Promise((r) => setTimeout(r, config.latencyMs));
    const answer = zones.answer(name, question.type);
    const fault: Fault | null = answer.fault ?? (faulty ? drawFault() : null);
    switch (fault) {
      case 'timeout':
        held.add(response);
        setTimeout(() => {
          held.delete(response);
          response.destroy();
        }, HOLD_MS).unref();
        return;
      case 'http500':
        return plain(response, 503, 'injected upstream failure');
      case 'malformed':
        return dnsMessage(response, Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0xff, 0xff, 0x13, 0x37]));
      default:
        break;
    }
    const rcode = fault === 'servfail' ? 'SERVFAIL' : fault === 'refused' ? 'REFUSED' : answer.rcode;
    const negative =
      fault === null &&
      (answer.rcode === 'NXDOMAIN' || answer.answers.every((a) => a.type !== question.type));
    const packet: dnsPacket.Packet = {
      type: 'response',
      id: query.id,
      // RD copied, RA set; TC only for the truncation fault.
      flags:
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        (fault === 'truncated' ? dnsPacket.TRUNCATED_RESPONSE : 0),
      questions: [question],
      answers: fault ? [] : answer.answers.map(toRecord),
      authorities:
        negative && answer.soaZone
          ? [
              {
                name: answer.soaZone,
                type: 'SOA',
                class: 'IN',
                ttl: NEGATIVE_TTL_S,
                data: {
                  ...SOA_TIMERS,
                  mname: `ns1.${answer.soaZone}`,
                  rname: `hostmaster.${answer.soaZone}`,
                },
              },
            ]
          : [],
    };
    (packet as { rcode?: string }).rcode = rcode;
    return dnsMessage(response, dnsPacket.encode({ ...packet, flags: withRcode(packet.flags ?? 0, rcode) }));
  }

  function drawFault(): Fault | null {
    const roll = random();
    let edge = 0;
    for (const [rate, fault] of [
      [config.timeoutRate, 'timeout'],
      [config.servfailRate, 'servfail'],
      [config.malformedRate, 'malformed'],
      [config.truncatedRate, 'truncated'],
      [config.http5xxRate, 'http500'],
    ] as const) {
      edge += rate;
      if (roll < edge) return fault;
    }
    return null;
  }

  async function control(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') {
      return jsonResponse(response, 200, state());
    }
    if (request.method !== 'POST') return plain(response, 405, 'GET or POST');
    const body = await readBody(request, 4096);
    let input: unknown;
    try {
      input = JSON.parse(body?.toString('utf8') ?? '');
    } catch {
      return jsonResponse(response, 400, { error: 'invalid JSON' });
    }
    try {
      const flag = (key: string) =>
        typeof input === 'object' &&
        input !== null &&
        key in input &&
        (input as Record<string, unknown>)[key];
      const reset = flag('reset') === true;
      config = mergeFaults(reset ? NO_FAULTS : config, input);
      random = seededRandom(config.seed);
      if (reset || flag('resetCounts')) {
        counts.clear();
        total = 0;
      }
      if (reset || flag('resetRebind')) zones.resetRebind();
    } catch (error) {
      return jsonResponse(response, 400, { error: (error as Error).message });
    }
    return jsonResponse(response, 200, state());
  }

  function state() {
    return { config, total, counts: Object.fromEntries(counts), rebind: zones.rebindCounts() };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/dns-query`,
    controlUrl: `${base}/_control`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A fixture answer as dns-packet encodes it; a SOA's "<mname> <rname>" gets the fixed timers of negative answers. */
function toRecord(a: ZoneAnswer['answers'][number]): dnsPacket.Answer {
  if (a.type !== 'SOA') return { ...a, class: 'IN' } as dnsPacket.Answer;
  const [mname = '', rname = ''] = a.data.split(' ');
  return { ...a, type: 'SOA', class: 'IN', data: { ...SOA_TIMERS, mname, rname } };
}

/** Serial and timers of every fixture SOA (RFC 1035 §3.3.13); MINIMUM matches the negative TTL. */
const SOA_TIMERS = { serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: NEGATIVE_TTL_S };

function dnsMessage(response: ServerResponse, body: Buffer): void {
  response.writeHead(200, {
    'content-type': 'application/dns-message',
    'content-length': body.byteLength,
    'cache-control': 'max-age=0',
  });
  response.end(body);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

function jsonResponse(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
