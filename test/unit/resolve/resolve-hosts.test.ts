import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBudget } from '../../../src/core/dns/budget.ts';
import { createDohClient } from '../../../src/core/dns/doh-client.ts';
import { QUERIES_PER_HOST_COLD } from '../../../src/core/dns/limits.ts';
import type { DohClient } from '../../../src/core/dns/types.ts';
import {
  resolveHosts,
  uniqueHosts,
  type Attribute,
  type Observation,
} from '../../../src/core/resolve/resolve-hosts.ts';
import { startDohServer, type DohServer } from '../../support/doh-server.ts';

let server: DohServer;
beforeAll(async () => {
  server = await startDohServer();
});
afterAll(() => server.stop());
afterEach(async () => {
  await fetch(server.controlUrl, { method: 'POST', body: JSON.stringify({ reset: true }) });
});

const seen: Observation[] = [];
const attribute: Attribute = (obs, page) => {
  seen.push(obs);
  return {
    firstParty: page !== null && new URL(page).hostname === obs.host,
    entity: { name: obs.host, company: 'x', category: 'other', unrecognised: true },
    providers: obs.asn ? [{ name: obs.asn.name, role: 'network', signal: 'asn' }] : [],
  };
};
const client = (extra: { budget?: ReturnType<typeof createBudget>; timeoutMs?: number } = {}): DohClient =>
  createDohClient({
    upstreams: [server.url],
    fetch,
    timeoutMs: extra.timeoutMs ?? 1_000,
    budget: extra.budget,
  });

async function one(host: string, options: { asnSource?: 'cymru' | 'off' } = {}) {
  const response = await resolveHosts([host], null, { client: client(), attribute, ...options });
  return response.hosts[0]!;
}

describe('resolveHosts: chains, name servers and ASNs per provider', () => {
  it.each([
    [
      'assets.fixture-shop.com',
      ['d111111abcdef8.cloudfront.net'],
      '13.224.40.12',
      16509,
      '13.224.0.0/14',
      'awsdns',
    ],
    [
      'www.apple.com',
      ['www.apple.com.edgekey.net', 'e6858.dscx.akamaiedge.net'],
      '23.42.76.17',
      20940,
      '23.32.0.0/11',
      'apple.com',
    ],
    [
      'www.redditstatic.com',
      ['dualstack.reddit.map.fastly.net'],
      '151.101.1.140',
      54113,
      '151.101.0.0/16',
      'awsdns',
    ],
    [
      'www.googletagmanager.com',
      ['www-googletagmanager.l.google.com'],
      '142.250.185.72',
      15169,
      '142.250.0.0/15',
      'ns1.google.com',
    ],
    [
      'cdn.fixture-azure.com',
      [
        'fixture.azureedge.net',
        'fixture.afd.azureedge.net',
        'star-azureedge-prod.trafficmanager.net',
        'shed.dual-low.part-0012.t-0009.t-msedge.net',
      ],
      '13.107.246.40',
      8068,
      '13.107.246.0/24',
      'azure-dns',
    ],
    ['cdnjs.cloudflare.com', [], '104.17.24.14', 13335, '104.16.0.0/13', 'cloudflare.com'],
    [
      'static.fixture-bank.co.uk',
      ['static.fixture-bank.co.uk.edgekey.net', 'e1234.a.akamaiedge.net'],
      '23.48.120.11',
      20940,
      '23.32.0.0/11',
      'akam.net',
    ],
  ])('%s', async (host, cnames, address, asn, prefix, nameServer) => {
    const result = await one(host);
    expect(result.errors).toEqual([]);
    expect(result.cnames).toEqual(cnames);
    expect(result.addresses).toContain(address);
    expect(result.asn).toMatchObject({ number: asn, prefix });
    expect(result.asn?.name).not.toBe('');
    expect(result.nameServers?.some((ns) => ns.includes(nameServer))).toBe(true);
  });

  it('passes the observation to attribution and returns its verdict', async () => {
    seen.length = 0;
    const response = await resolveHosts(['www.apple.com'], 'https://www.apple.com/', {
      client: client(),
      attribute,
    });
    expect(seen[0]).toMatchObject({
      host: 'www.apple.com',
      cnames: ['www.apple.com.edgekey.net', 'e6858.dscx.akamaiedge.net'],
    });
    expect(response.hosts[0]).toMatchObject({
      firstParty: true,
      providers: [{ role: 'network', signal: 'asn' }],
    });
    expect(response.page).toBe('https://www.apple.com/');
  });

  it('waits for an async attribution (the range table loading alongside the lookups)', async () => {
    let release!: () => void;
    const table = new Promise<void>((resolve) => (release = resolve));
    const asyncAttribute: Attribute = async (obs, page) => {
      await table;
      return attribute(obs, page);
    };
    const pending = resolveHosts(['pypi.org'], null, { client: client(), attribute: asyncAttribute });
    setTimeout(release, 20);
    const response = await pending;
    expect(response.hosts[0]).toMatchObject({ host: 'pypi.org', providers: [{ signal: 'asn' }] });
  });

  it('keeps a host whose async attribution rejects, as unrecognised', async () => {
    const failing: Attribute = async () => Promise.reject(new Error('no range table'));
    const response = await resolveHosts(['pypi.org'], null, { client: client(), attribute: failing });
    expect(response.hosts[0]).toMatchObject({
      host: 'pypi.org',
      entity: { name: 'pypi.org', unrecognised: true },
      providers: [],
    });
    expect(response.hosts[0]?.addresses.length).toBeGreaterThan(0);
  });

  it('looks up no ASN when ASN_SOURCE is off, and spends no query on it', async () => {
    const c = client();
    const response = await resolveHosts(['pypi.org'], null, { client: c, attribute, asnSource: 'off' });
    expect(response.hosts[0]?.asn).toBeNull();
    expect(c.stats().queries).toBe(3); // A, AAAA, NS
  });

  it('skips Team Cymru for loopback fixture sites', async () => {
    const result = await one('site.fixture.test');
    expect(result).toMatchObject({ addresses: ['127.0.0.1', '::1'], asn: null, errors: [] });
  });
});

describe('resolveHosts: every failure is a per-host error', () => {
  it.each([
    ['servfail.fault.test', 'servfail'],
    ['refused.fault.test', 'refused'],
    ['malformed.fault.test', 'malformed'],
    ['truncated.fault.test', 'truncated'],
    ['http500.fault.test', 'upstream_error'],
    ['timeout.fault.test', 'timeout'],
    ['loop-a.fault.test', 'cname_loop'],
    ['dangling.fault.test', 'nxdomain'],
    ['no-such-host.fixture.test', 'nxdomain'],
    ['nodata.fault.test', 'nodata'],
    ['bad..host', 'invalid_host'],
    ['https://example.com/', 'invalid_host'],
  ])('%s → %s', async (host, code) => {
    const response = await resolveHosts([host, 'pypi.org'], null, {
      client: client({ timeoutMs: 150 }),
      attribute,
    });
    expect(response.hosts[0]?.errors.map((e) => e.code)).toContain(code);
    expect(response.hosts[0]?.addresses).toEqual([]);
    expect(response.hosts[1]?.errors).toEqual([]);
    expect(response.hosts[1]?.addresses.length).toBeGreaterThan(0);
  });

  it('reports an NXDOMAIN once even though A and AAAA both say so', async () => {
    expect((await one('no-such-host.fixture.test')).errors).toHaveLength(1);
  });

  it('keeps the chain of a dangling CNAME', async () => {
    expect((await one('dangling.fault.test')).cnames).toEqual(['gone.fault.test']);
  });

  it('resolves IDN hosts in punycode and IP literals without DNS', async () => {
    expect(await one('Bücher.fault.test')).toMatchObject({
      host: 'xn--bcher-kva.fault.test',
      addresses: ['104.16.122.175'],
    });
    expect(await one('v6only.fault.test')).toMatchObject({ addresses: ['2606:4700::6810:7aaf'], errors: [] });
    expect(await one('151.101.0.223')).toMatchObject({
      addresses: ['151.101.0.223'],
      asn: { number: 54113 },
    });
  });

  it('treats an unknown or unreadable Team Cymru answer as "no ASN", not an error', async () => {
    expect(await one('noasn.fault.test')).toMatchObject({ asn: null, errors: [] });
    expect(await one('badasn.fault.test')).toMatchObject({ asn: null, errors: [] });
  });

  it('marks hosts past the budget budget_exhausted and keeps the ones before (partial result)', async () => {
    const hosts = ['pypi.org', 'code.jquery.com', 'unpkg.com', 'www.gstatic.com', 'i.ytimg.com'];
    const budget = createBudget(2 * QUERIES_PER_HOST_COLD);
    const response = await resolveHosts(hosts, null, { client: client({ budget }), attribute, budget });
    const exhausted = response.hosts.filter((h) => h.errors.some((e) => e.code === 'budget_exhausted'));
    const complete = response.hosts.filter((h) => h.errors.length === 0 && h.asn !== null);
    expect(budget.remaining()).toBe(0);
    expect(complete.map((h) => h.host)).toEqual(['pypi.org', 'code.jquery.com']);
    expect(exhausted.map((h) => h.host)).toEqual(['unpkg.com', 'www.gstatic.com', 'i.ytimg.com']);
    expect(response.hosts).toHaveLength(5);
  });

  it('answers by the deadline: unfinished hosts get timeout, finished ones keep their data', async () => {
    // unpkg.com's answers take far longer than the deadline, so only the deadline can end this call early.
    // The bound is that latency, not a guess at how fast this machine is: the 300 ms deadline has 9.7 s.
    const LATENCY_MS = 10_000;
    await fetch(server.controlUrl, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: LATENCY_MS, match: 'unpkg.com' }),
    });
    const started = Date.now();
    let fired = false;
    const response = await resolveHosts(['unpkg.com', 'pypi.org'], null, {
      client: client({ timeoutMs: 2 * LATENCY_MS }),
      attribute,
      deadlineMs: 300,
      onDeadline: () => (fired = true),
    });
    expect(Date.now() - started).toBeLessThan(LATENCY_MS);
    expect(fired).toBe(true);
    expect(response.hosts[0]?.errors.map((e) => e.code)).toEqual(['timeout']);
    expect(response.hosts[1]?.errors).toEqual([]);
  });
});

describe('resolveHosts: risks, zones and SOAs of each host', () => {
  it('states the zone (ICANN) and the site (private section too) of each host', async () => {
    const response = await resolveHosts(['www.fixture-news.github.io', 'pypi.org', '151.101.0.223'], null, {
      client: client(),
      attribute,
    });
    expect(response.hosts.map((h) => [h.zone, h.site])).toEqual([
      ['github.io', 'fixture-news.github.io'],
      ['pypi.org', 'pypi.org'],
      [undefined, undefined],
    ]);
  });

  it('flags a dangling CNAME into a claimable service, and a host on a compromised domain', async () => {
    const response = await resolveHosts(
      ['assets.fixture-risky.com', 'libs.fixture-risky.com', 'app.fixture-risky.com', 'cdn.polyfill.io'],
      null,
      { client: client(), attribute },
    );
    expect(response.hosts.map((h) => (h.risks ?? []).map((r) => r.code))).toEqual([
      ['dangling_cname'],
      ['known_compromised'],
      [],
      // cdn.polyfill.io no longer resolves; the name alone is on the list
      ['known_compromised'],
    ]);
  });

  it('keeps name-based risks of a host the deadline cut short', async () => {
    await fetch(server.controlUrl, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 5_000, match: 'polyfill.io' }),
    });
    const response = await resolveHosts(['cdn.polyfill.io'], null, {
      client: client({ timeoutMs: 10_000 }),
      attribute,
      deadlineMs: 100,
    });
    expect(response.hosts[0]).toMatchObject({
      errors: [{ code: 'timeout' }],
      risks: [{ code: 'known_compromised' }],
      zone: 'polyfill.io',
    });
  });

  const NEWS = ['www.fixture-news.com', 'a1.fxnws.com', 'widgets.fixture-widgets.com', 'pypi.org'];
  const newsAttribute: Attribute = (obs, page) => ({
    ...attribute(obs, page),
    // pypi.org stands for a company third-party-web knows: never asked for its SOA
    entity: { name: obs.host, company: obs.host, category: 'other', unrecognised: obs.host !== 'pypi.org' },
  });

  it('asks the SOA of the page’s zone and of unknown third parties only, once per zone', async () => {
    await fetch(server.controlUrl, { method: 'POST', body: JSON.stringify({ resetCounts: true }) });
    const response = await resolveHosts(NEWS, 'https://www.fixture-news.com/', {
      client: client(),
      attribute: newsAttribute,
    });
    expect(response.hosts.map((h) => h.soa ?? null)).toEqual([
      { primary: 'ns1.fixture-news.com', contact: 'hostmaster.fixture-news.com' },
      { primary: 'kate.ns.cloudflare.com', contact: 'hostmaster.fixture-news.com' },
      { primary: 'kate.ns.cloudflare.com', contact: 'dns.cloudflare.com' },
      null,
    ]);
    const { counts } = (await (await fetch(server.controlUrl)).json()) as { counts: Record<string, number> };
    const soa = Object.keys(counts)
      .filter((k) => k.startsWith('SOA '))
      .sort();
    expect(soa).toEqual(['SOA fixture-news.com', 'SOA fixture-widgets.com', 'SOA fxnws.com']);
  });

  it('asks no SOA without a page (there is nothing to compare with)', async () => {
    const c = client();
    const response = await resolveHosts(['a1.fxnws.com'], null, { client: c, attribute, asnSource: 'off' });
    expect(response.hosts[0]?.soa).toBeUndefined();
    expect(c.stats().queries).toBe(3); // A, AAAA, NS
  });

  it('asks SOAs only with the budget the hosts left: a spent budget means no SOA, not an error', async () => {
    // Just enough for the four hosts' cold lookups (A, AAAA, NS each; no ASN), nothing over.
    const budget = createBudget(4 * 3);
    const response = await resolveHosts(NEWS, 'https://www.fixture-news.com/', {
      client: client({ budget }),
      attribute: newsAttribute,
      asnSource: 'off',
      budget,
    });
    expect(response.hosts.every((h) => h.addresses.length > 0)).toBe(true);
    expect(response.hosts.map((h) => h.soa)).toEqual([undefined, undefined, undefined, undefined]);
    expect(response.hosts.flatMap((h) => h.errors)).toEqual([]);
  });
});

describe('uniqueHosts', () => {
  it('drops duplicates after IDN and case normalisation, keeping first-seen order', () => {
    expect(
      uniqueHosts([
        'B.example.com',
        'a.example.com',
        'b.example.com.',
        'Bücher.example',
        'xn--bcher-kva.example',
      ]),
    ).toEqual(['B.example.com', 'a.example.com', 'Bücher.example']);
  });
});
