/**
 * The REBIND record of the local DoH server (test/support/doh/): a name whose answer changes over
 * successive questions, so the scanner's SSRF battery can play DNS rebinding against itself.
 * Parser table (normal, edge, hostile), the resolver's counting rules, the server's control endpoint,
 * and an integrity sweep of the rebind-* names the battery relies on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohClient } from '../../../../src/core/dns/doh-client.ts';
import { isPublicAddress } from '../../../../src/core/scan/classify-address.ts';
import { DEFAULT_ZONES_DIR, startDohServer, type DohServer } from '../../../support/doh-server.ts';
import { DEFAULT_REBIND_AFTER, loadZones, parseZone } from '../../../support/doh/zone-file.ts';
import { ZoneResolver } from '../../../support/doh/zone-resolver.ts';

describe('parseZone: REBIND records', () => {
  it.each([
    ['x.test REBIND 93.184.215.14 127.0.0.1', { first: '93.184.215.14', later: '127.0.0.1', after: 1 }],
    [
      'x.test REBIND 93.184.215.14 127.0.0.1 after=3',
      { first: '93.184.215.14', later: '127.0.0.1', after: 3 },
    ],
    ['x.test 0 IN REBIND 2606:2800::1 ::1', { first: '2606:2800::1', later: '::1', after: 1 }],
    ['x.test REBIND 2606:2800::ABCD FE80::1', { first: '2606:2800::abcd', later: 'fe80::1', after: 1 }],
    ['x.test REBIND 93.184.215.14 ::1 ; comment', { first: '93.184.215.14', later: '::1', after: 1 }],
    ['x.test REBIND 93.184.215.14 servfail', { first: '93.184.215.14', later: 'servfail', after: 1 }],
    ['x.test REBIND 93.184.215.14 NXDOMAIN', { first: '93.184.215.14', later: 'nxdomain', after: 1 }],
  ])('%s', (line, rebind) => {
    const [record] = parseZone(line);
    expect(record).toMatchObject({ name: 'x.test', type: 'REBIND', rebind });
  });

  it('defaults to flipping after the first question', () => {
    expect(DEFAULT_REBIND_AFTER).toBe(1);
    expect(parseZone('$TTL 7\nx.test REBIND 1.1.1.1 10.0.0.1')[0]).toMatchObject({ ttl: 7 });
  });

  it.each([
    ['one answer only', 'x.test REBIND 93.184.215.14', /needs/],
    ['not an address', 'x.test REBIND 93.184.215.14 localhost', /not an IP address/],
    ['an IPv4 address with a port', 'x.test REBIND 93.184.215.14 127.0.0.1:80', /not an IP address/],
    ['after=0', 'x.test REBIND 1.1.1.1 127.0.0.1 after=0', /at least 1/],
    ['after=-1', 'x.test REBIND 1.1.1.1 127.0.0.1 after=-1', /needs/],
    ['after without a number', 'x.test REBIND 1.1.1.1 127.0.0.1 after=', /needs/],
    ['a third answer', 'x.test REBIND 1.1.1.1 127.0.0.1 10.0.0.1', /needs/],
  ])('refuses %s with file:line', (_, line, message) => {
    expect(() => parseZone(`; header\n${line}`, 'f.zone')).toThrow(/^f\.zone:2: /);
    expect(() => parseZone(line)).toThrow(message);
  });
});

describe('ZoneResolver: REBIND answers', () => {
  const zone = (text: string) => new ZoneResolver(parseZone(text));
  const data = (answer: ReturnType<ZoneResolver['answer']>) =>
    answer.fault ?? (answer.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : answer.answers.map((a) => a.data).join(','));

  it('answers the first `after` questions of a type from the first address, then the second', () => {
    const z = zone('r.test REBIND 93.184.215.14 127.0.0.1 after=2');
    expect(Array.from({ length: 4 }, () => data(z.answer('r.test', 'A')))).toEqual([
      '93.184.215.14',
      '93.184.215.14',
      '127.0.0.1',
      '127.0.0.1',
    ]);
    expect(z.rebindCounts()).toEqual({ 'A r.test': 4 });
  });

  it('counts each type on its own, and gives NODATA (still counted) to the other family', () => {
    const z = zone('r.test REBIND 93.184.215.14 ::1');
    expect(data(z.answer('r.test', 'AAAA'))).toBe(''); // 1st AAAA: the IPv4 address → NODATA
    expect(z.answer('r.test', 'AAAA')).toMatchObject({
      rcode: 'NOERROR',
      answers: [{ type: 'AAAA', data: '::1' }],
    });
    expect(z.answer('r.test', 'A')).toMatchObject({ answers: [{ type: 'A', data: '93.184.215.14' }] });
    expect(data(z.answer('r.test', 'A'))).toBe('');
    expect(z.answer('r.test', 'A').soaZone).toBe('r.test');
    expect(z.rebindCounts()).toEqual({ 'AAAA r.test': 2, 'A r.test': 3 });
  });

  it('keeps the TTL of the record (0 = never cached)', () => {
    expect(zone('r.test 0 REBIND 1.1.1.1 127.0.0.1').answer('r.test', 'A').answers[0]?.ttl).toBe(0);
  });

  it('counts at the REBIND name when a CNAME leads there, and returns the chain', () => {
    const z = zone('alias.test CNAME r.test\nr.test REBIND 93.184.215.14 169.254.169.254');
    expect(z.answer('alias.test', 'A').answers.map((a) => `${a.type} ${a.data}`)).toEqual([
      'CNAME r.test',
      'A 93.184.215.14',
    ]);
    expect(z.answer('alias.test', 'A').answers.at(-1)?.data).toBe('169.254.169.254');
    expect(z.rebindCounts()).toEqual({ 'A r.test': 2 });
  });

  it('may switch to NXDOMAIN or a fault', () => {
    const z = zone('n.test REBIND 1.1.1.1 nxdomain\ns.test REBIND 1.1.1.1 servfail');
    expect([data(z.answer('n.test', 'A')), data(z.answer('n.test', 'A'))]).toEqual(['1.1.1.1', 'NXDOMAIN']);
    expect([data(z.answer('s.test', 'A')), data(z.answer('s.test', 'A'))]).toEqual(['1.1.1.1', 'servfail']);
  });

  it('does not count other types, which see the name as existing without them', () => {
    const z = zone('r.test REBIND 1.1.1.1 127.0.0.1\nr.test TXT "hello"');
    expect(data(z.answer('r.test', 'TXT'))).toBe('hello');
    expect(z.answer('r.test', 'NS')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(z.rebindCounts()).toEqual({});
  });

  it('starts over after resetRebind', () => {
    const z = zone('r.test REBIND 1.1.1.1 127.0.0.1');
    z.answer('r.test', 'A');
    z.resetRebind();
    expect(z.rebindCounts()).toEqual({});
    expect(data(z.answer('r.test', 'A'))).toBe('1.1.1.1');
  });

  it.each([
    ['an A record', 'r.test REBIND 1.1.1.1 127.0.0.1\nr.test A 1.1.1.1'],
    ['a CNAME', 'r.test CNAME x.test\nr.test REBIND 1.1.1.1 127.0.0.1'],
    ['a second REBIND', 'r.test REBIND 1.1.1.1 127.0.0.1\nr.test REBIND 1.1.1.1 10.0.0.1'],
  ])('refuses a REBIND name that also has %s', (_, text) => {
    expect(() => zone(text)).toThrow(/^zone:2: r\.test mixes a REBIND record/);
  });
});

describe('the DoH server with REBIND names', () => {
  let server: DohServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rebind-zones-'));
    await writeFile(
      join(dir, 'rebind.zone'),
      [
        '$TTL 60',
        'r.rebind.test REBIND 93.184.215.14 127.0.0.1',
        'r3.rebind.test REBIND 1.1.1.1 10.0.0.1 after=3',
      ].join('\n'),
    );
    server = await startDohServer({ zonesDir: dir });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  // No cache: every query reaches the server, like the scanner's recheck client.
  const client = () => createDohClient({ upstreams: [server.url], fetch, timeoutMs: 1_000 });
  const address = async (name: string) => (await client().query(name, 'A')).answers.at(-1)?.data;
  const control = async (body?: object) =>
    (await (
      await fetch(server.controlUrl, body ? { method: 'POST', body: JSON.stringify(body) } : {})
    ).json()) as {
      rebind: Record<string, number>;
      counts: Record<string, number>;
    };

  it('answers over RFC 8484 with the first address, then the second; GET on the control reports the counter', async () => {
    expect([await address('r.rebind.test'), await address('r.rebind.test')]).toEqual([
      '93.184.215.14',
      '127.0.0.1',
    ]);
    expect((await control()).rebind).toEqual({ 'A r.rebind.test': 2 });
  });

  it('honours after=N over the wire', async () => {
    const seen = [];
    for (let i = 0; i < 4; i += 1) seen.push(await address('r3.rebind.test'));
    expect(seen).toEqual(['1.1.1.1', '1.1.1.1', '1.1.1.1', '10.0.0.1']);
  });

  it('resetCounts leaves the REBIND counters alone (tests beside a rebinding test use it)', async () => {
    await control({ resetCounts: true });
    expect((await control()).counts).toEqual({});
    expect((await control()).rebind['A r.rebind.test']).toBe(2);
    expect(await address('r.rebind.test')).toBe('127.0.0.1');
  });

  it.each([{ resetRebind: true }, { reset: true }])('%o starts every REBIND name over', async (body) => {
    await address('r.rebind.test');
    const after = await control(body);
    expect(after.rebind).toEqual({});
    expect(await address('r.rebind.test')).toBe('93.184.215.14');
  });

  it('resetRebind does not touch the fault config', async () => {
    await control({ latencyMs: 5, match: 'elsewhere.test' });
    const after = (await control({ resetRebind: true })) as unknown as { config: { latencyMs: number } };
    expect(after.config.latencyMs).toBe(5);
    await control({ reset: true });
  });
});

describe('fixture-sites.zone: the rebind-* names of the SSRF battery', () => {
  it('load with the other fixture zones, each flipping from a public answer to a non-public or no answer', async () => {
    const records = await loadZones(DEFAULT_ZONES_DIR);
    expect(() => new ZoneResolver(records)).not.toThrow();
    const rebinds = records.filter((r) => r.type === 'REBIND');
    expect(rebinds.length).toBeGreaterThanOrEqual(10);
    for (const { name, rebind } of rebinds) {
      expect(name).toMatch(/^rebind-[a-z0-9-]+\.fixture\.test$/);
      expect(isPublicAddress(rebind?.first ?? ''), name).toBe(true);
      const later = rebind?.later ?? '';
      expect(later.includes('.') || later.includes(':') ? !isPublicAddress(later) : true, name).toBe(true);
    }
  });
});
