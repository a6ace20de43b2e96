import { describe, expect, it } from 'vitest';
import { checkTarget, type HostResolver } from '../../../src/core/scan/check-target.ts';

/** A resolver answering from a table; unknown names are NXDOMAIN. Records what it was asked. */
function table(
  records: Record<string, { addresses?: string[]; cnames?: string[] }>,
): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const r = records[host];
    if (!r) return { cnames: [], addresses: [], errors: [{ code: 'nxdomain', message: 'no such name' }] };
    return { cnames: r.cnames ?? [], addresses: r.addresses ?? [], errors: [] };
  };
  return Object.assign(resolve, { asked });
}

const dns = table({
  'public.example': { addresses: ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] },
  'private.example': { addresses: ['10.1.2.3'] },
  'mixed.example': { addresses: ['93.184.215.14', '127.0.0.1'] },
  'mapped.example': { addresses: ['::ffff:169.254.169.254'] },
  'alias.example': { cnames: ['metadata.google.internal'], addresses: ['93.184.215.14'] },
  'v6.example': { addresses: ['fd00::1'] },
  'empty.example': {},
});

const check = (url: string, allowed: string[] = []) =>
  checkTarget(url, { allowedOrigins: new Set(allowed), resolve: dns });

describe('checkTarget', () => {
  it.each([
    ['https://public.example/', 'ok'],
    ['https://private.example/', 'private_address'],
    ['https://mixed.example/', 'private_address'],
    ['https://mapped.example/', 'private_address'],
    ['https://alias.example/', 'private_address'],
    ['https://v6.example/', 'private_address'],
    ['https://empty.example/', 'dns_failed'],
    ['https://nxdomain.example/', 'dns_failed'],
    ['http://localhost/', 'private_address'],
    ['http://LOCALHOST./', 'private_address'],
    ['http://app.localhost/', 'private_address'],
    ['http://printer.local/', 'private_address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'private_address'],
    ['http://metadata/', 'private_address'],
    ['http://intranet/', 'private_address'],
    ['http://router.home.arpa/', 'private_address'],
    ['http://127.0.0.1/', 'private_address'],
    ['http://2130706433/', 'private_address'],
    ['http://0x7f000001/', 'private_address'],
    ['http://0177.0.0.01/', 'private_address'],
    ['http://127.1/', 'private_address'],
    ['http://0/', 'private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'private_address'],
    ['http://[::1]/', 'private_address'],
    ['http://[::ffff:127.0.0.1]/', 'private_address'],
    ['http://[fd00:ec2::254]/', 'private_address'],
    ['http://93.184.215.14/', 'ok'],
    ['http://[2606:4700::1111]/', 'ok'],
    ['http://127.0.0.1:8080/', 'port_not_allowed'],
    ['gopher://127.0.0.1/', 'unsupported_scheme'],
  ])('%s → %s', async (url, expected) => {
    const verdict = await check(url);
    expect(verdict.ok ? 'ok' : verdict.code).toBe(expected);
  });

  it('exempts exactly the allowed origins from the address and port checks, without a lookup', async () => {
    const before = dns.asked.length;
    expect((await check('http://127.0.0.1:9000/x', ['http://127.0.0.1:9000'])).ok).toBe(true);
    expect((await check('http://localhost:9000/x', ['http://localhost:9000'])).ok).toBe(true);
    const other = await check('http://127.0.0.1:9001/', ['http://127.0.0.1:9000']);
    expect(other.ok ? 'ok' : other.code).toBe('port_not_allowed');
    const sameHostDefaultPort = await check('http://127.0.0.1/', ['http://127.0.0.1:9000']);
    expect(sameHostDefaultPort.ok ? 'ok' : sameHostDefaultPort.code).toBe('private_address');
    expect(dns.asked.length).toBe(before);
  });

  it('never asks DNS about IP literals or blocked names', async () => {
    const before = dns.asked.length;
    await check('http://10.0.0.1/');
    await check('http://localhost/');
    await check('http://[::1]/');
    expect(dns.asked.length).toBe(before);
  });

  it('turns a throwing resolver into dns_failed', async () => {
    const verdict = await checkTarget('https://x.example/', {
      allowedOrigins: new Set(),
      resolve: async () => {
        throw new Error('boom');
      },
    });
    expect(verdict.ok ? 'ok' : verdict.code).toBe('dns_failed');
  });
});
