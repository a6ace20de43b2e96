import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohClient } from '../../../src/core/dns/doh-client.ts';
import { resolveHost } from '../../../src/core/dns/resolve-host.ts';
import {
  claimableServiceOf,
  danglingCnameRisk,
  definiteNxdomain,
  type ChainEnd,
} from '../../../src/core/risk/dangling-cname.ts';
import { startDohServer, type DohServer } from '../../support/doh-server.ts';

const end = (type: 'A' | 'AAAA', name: string, rcode: string | null): ChainEnd => ({ type, name, rcode });

describe('claimableServiceOf: only names a customer chooses, at the documented depth', () => {
  it.each<[string, string | null]>([
    ['myapp.azurewebsites.net', 'Azure App Service'],
    ['myapp-staging.azurewebsites.net', 'Azure App Service'],
    ['MyApp.AzureWebsites.NET.', 'Azure App Service'],
    ['profile.trafficmanager.net', 'Azure Traffic Manager'],
    ['account.blob.core.windows.net', 'Azure Blob Storage'],
    ['label.westeurope.cloudapp.azure.com', 'Azure public IP address DNS name'],
    ['group.eastus.azurecontainer.io', 'Azure Container Instances'],
    ['env.us-east-1.elasticbeanstalk.com', 'AWS Elastic Beanstalk'],
    ['legacy-env.elasticbeanstalk.com', 'AWS Elastic Beanstalk'],
    // deeper names carry a random part (App Service's unique hostnames, Front Door Standard)
    ['app-h2b5c0d8e.westeurope-01.azurewebsites.net', null],
    ['edge-h2b5c0d8e.z01.azurefd.net', null],
    ['myapp.scm.azurewebsites.net', null],
    // the regional form needs its region label
    ['label.cloudapp.azure.com', null],
    // the suffix itself and look-alikes
    ['azurewebsites.net', null],
    ['myapp.notazurewebsites.net', null],
    // services whose released names cannot be chosen or never answer NXDOMAIN
    ['d111111abcdef8.cloudfront.net', null],
    ['user.github.io', null],
    ['bucket.s3.amazonaws.com', null],
    ['app.herokuapp.com', null],
  ])('%s → %s', (name, service) => {
    expect(claimableServiceOf(name)?.service ?? null).toBe(service);
  });
});

describe('definiteNxdomain: only NXDOMAIN is an answer about existence', () => {
  it.each<[string, ChainEnd[], string | null]>([
    ['both NXDOMAIN', [end('A', 'x.net', 'NXDOMAIN'), end('AAAA', 'x.net', 'NXDOMAIN')], 'x.net'],
    [
      'NXDOMAIN and no answer to the other',
      [end('A', 'x.net', 'NXDOMAIN'), end('AAAA', 'x.net', null)],
      'x.net',
    ],
    ['NXDOMAIN and SERVFAIL', [end('A', 'x.net', 'NXDOMAIN'), end('AAAA', 'x.net', 'SERVFAIL')], 'x.net'],
    ['SERVFAIL twice', [end('A', 'x.net', 'SERVFAIL'), end('AAAA', 'x.net', 'SERVFAIL')], null],
    ['REFUSED', [end('A', 'x.net', 'REFUSED'), end('AAAA', 'x.net', 'REFUSED')], null],
    ['timeouts (no response)', [end('A', 'x.net', null), end('AAAA', 'x.net', null)], null],
    [
      'NOERROR (exists, maybe without AAAA)',
      [end('A', 'x.net', 'NOERROR'), end('AAAA', 'x.net', 'NOERROR')],
      null,
    ],
    ['contradiction: one NOERROR', [end('A', 'x.net', 'NXDOMAIN'), end('AAAA', 'x.net', 'NOERROR')], null],
    [
      'NXDOMAIN at two different names',
      [end('A', 'x.net', 'NXDOMAIN'), end('AAAA', 'y.net', 'NXDOMAIN')],
      null,
    ],
    ['nothing asked', [], null],
  ])('%s', (_label, ends, name) => {
    expect(definiteNxdomain(ends)?.name ?? null).toBe(name);
  });
});

describe('danglingCnameRisk', () => {
  const host = 'assets.example.com';
  const target = 'example-gone.azurewebsites.net';
  const nx = [end('A', target, 'NXDOMAIN'), end('AAAA', target, 'NXDOMAIN')];

  it('flags a CNAME into a claimable name that does not exist, with the exact chain and answer', () => {
    expect(danglingCnameRisk(host, [target], nx)).toEqual({
      code: 'dangling_cname',
      severity: 'high',
      message:
        'assets.example.com is an alias (CNAME) of example-gone.azurewebsites.net, which does not exist. Names under azurewebsites.net (Azure App Service) can be created by any Microsoft customer: whoever creates "example-gone" next serves content as assets.example.com.',
      evidence: 'assets.example.com → example-gone.azurewebsites.net: NXDOMAIN (A, AAAA)',
      source: 'https://learn.microsoft.com/en-us/azure/security/fundamentals/subdomain-takeover',
    });
  });

  it.each<[string, string[], ChainEnd[]]>([
    ['no CNAME: the host itself does not exist', [], [end('A', host, 'NXDOMAIN')]],
    ['the target exists', [target], [end('A', target, 'NOERROR'), end('AAAA', target, 'NOERROR')]],
    ['SERVFAIL at the target', [target], [end('A', target, 'SERVFAIL'), end('AAAA', target, 'SERVFAIL')]],
    ['timeout at the target', [target], [end('A', target, null), end('AAAA', target, null)]],
    [
      'NXDOMAIN at a name nobody can choose',
      ['d9gone.cloudfront.net'],
      [end('A', 'd9gone.cloudfront.net', 'NXDOMAIN'), end('AAAA', 'd9gone.cloudfront.net', 'NXDOMAIN')],
    ],
  ])('no risk: %s', (_label, cnames, ends) => {
    expect(danglingCnameRisk(host, cnames, ends)).toBeNull();
  });
});

// The same judgement on real DoH answers from the fixture zones (test/fixtures/zones/risks.zone).
describe('dangling CNAMEs as the resolver sees them', () => {
  let server: DohServer;
  beforeAll(async () => {
    server = await startDohServer();
  });
  afterAll(() => server.stop());
  const judge = async (host: string) => {
    const client = createDohClient({ upstreams: [server.url], fetch, timeoutMs: 150 });
    const resolution = await resolveHost(client, host);
    return { resolution, risk: danglingCnameRisk(resolution.host, resolution.cnames, resolution.ends) };
  };

  it('NXDOMAIN at the end of a chain into Azure App Service: a takeover candidate', async () => {
    const { resolution, risk } = await judge('assets.fixture-risky.com');
    expect(resolution.ends).toEqual([
      end('A', 'fixture-risky-gone.azurewebsites.net', 'NXDOMAIN'),
      end('AAAA', 'fixture-risky-gone.azurewebsites.net', 'NXDOMAIN'),
    ]);
    expect(risk?.evidence).toBe(
      'assets.fixture-risky.com → fixture-risky-gone.azurewebsites.net: NXDOMAIN (A, AAAA)',
    );
  });

  it('NXDOMAIN at the end of a chain into Elastic Beanstalk: a takeover candidate', async () => {
    expect((await judge('gone.fixture-risky.com')).risk?.code).toBe('dangling_cname');
  });

  // A resolver that fails (SERVFAIL) or never answers returns no chain at all: nothing to judge.
  it.each([
    ['promo.fixture-risky.com', 'SERVFAIL on the way to a Traffic Manager name', 'SERVFAIL', 0],
    ['beta.fixture-risky.com', 'a timeout on the way to a cloud service name', null, 0],
    ['app.fixture-risky.com', 'the App Service name exists', 'NOERROR', 1],
    ['img.fixture-risky.com', 'NXDOMAIN at a CloudFront name', 'NXDOMAIN', 1],
    ['edge.fixture-risky.com', 'NXDOMAIN at a hashed Front Door name', 'NXDOMAIN', 1],
  ])('%s: no risk (%s)', async (host, _why, rcode, chain) => {
    const { resolution, risk } = await judge(host);
    expect(resolution.ends.map((e) => e.rcode)).toEqual([rcode, rcode]);
    expect(resolution.cnames).toHaveLength(chain);
    expect(risk).toBeNull();
  });
});
