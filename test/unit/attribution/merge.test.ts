import { describe, expect, it } from 'vitest';
import { mergeAttributions, type Candidate } from '../../../src/core/attribution/merge.ts';

const c = (
  name: string,
  role: Candidate['role'],
  signal: Candidate['signal'],
  evidence: string,
  company = name,
  service?: string,
): Candidate => ({
  name,
  role,
  signal,
  evidence,
  company,
  ...(service ? { service } : {}),
});

describe('mergeAttributions', () => {
  it('keeps one entry per provider and role, from the strongest signal, with the rest as corroboration', () => {
    const out = mergeAttributions([
      c('Amazon CloudFront', 'cdn', 'hostname', 'cloudfront.net', 'Amazon'),
      c('Amazon CloudFront', 'cdn', 'header', 'via: 1.1 x.cloudfront.net (CloudFront)', 'Amazon'),
      c('Amazon CloudFront', 'cdn', 'ip-range', '13.32.0.1 in 13.32.0.0/15', 'Amazon', 'CloudFront'),
    ]);
    expect(out).toEqual([
      {
        name: 'Amazon CloudFront',
        operator: 'Amazon',
        role: 'cdn',
        signal: 'ip-range',
        evidence: '13.32.0.1 in 13.32.0.0/15',
        service: 'CloudFront',
        corroboration: [
          { signal: 'hostname', evidence: 'cloudfront.net' },
          { signal: 'header', evidence: 'via: 1.1 x.cloudfront.net (CloudFront)' },
        ],
      },
    ]);
  });

  it('drops an ASN attribution when a stronger signal names the same company', () => {
    const out = mergeAttributions([
      c('Amazon Web Services', 'cloud', 'asn', 'AS16509', 'Amazon'),
      c('Amazon CloudFront', 'cdn', 'cname', 'd1.cloudfront.net (cloudfront.net)', 'Amazon'),
    ]);
    expect(out.map((p) => p.name)).toEqual(['Amazon CloudFront']);
  });

  it('keeps an ASN attribution when nothing else names the company', () => {
    const out = mergeAttributions([
      c('Hetzner', 'cloud', 'asn', 'AS24940'),
      c('Cloudflare DNS', 'dns', 'ns', 'a.ns.cloudflare.com', 'Cloudflare'),
    ]);
    expect(out).toEqual([
      { name: 'Hetzner', operator: 'Hetzner', role: 'cloud', signal: 'asn', evidence: 'AS24940' },
      {
        name: 'Cloudflare DNS',
        operator: 'Cloudflare',
        role: 'dns',
        signal: 'ns',
        evidence: 'a.ns.cloudflare.com',
      },
    ]);
  });

  it('the same provider in two roles stays two entries, ordered cdn, cloud, network, dns', () => {
    const out = mergeAttributions([
      c('Google', 'network', 'asn', 'AS15169'),
      c('Google Cloud DNS', 'dns', 'ns', 'ns-cloud-a1.googledomains.com', 'Google'),
      c('Microsoft Azure', 'cloud', 'ip-range', '20.1.1.1 in 20.0.0.0/11', 'Microsoft'),
      c('Azure CDN', 'cdn', 'cname', 'x.azureedge.net (azureedge.net)', 'Microsoft'),
    ]);
    expect(out.map((p) => `${p.role}:${p.name}`)).toEqual([
      'cdn:Azure CDN',
      'cloud:Microsoft Azure',
      'network:Google',
      'dns:Google Cloud DNS',
    ]);
  });

  it('repeated identical evidence is not repeated', () => {
    const out = mergeAttributions([
      c('Akamai', 'cdn', 'cname', 'a (akamaiedge.net)'),
      c('Akamai', 'cdn', 'cname', 'a (akamaiedge.net)'),
    ]);
    expect(out).toEqual([
      { name: 'Akamai', operator: 'Akamai', role: 'cdn', signal: 'cname', evidence: 'a (akamaiedge.net)' },
    ]);
  });

  it('nothing in, nothing out', () => {
    expect(mergeAttributions([])).toEqual([]);
  });
});
