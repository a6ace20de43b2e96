import { describe, expect, it } from 'vitest';
import type { ResolvedHost } from '../../../src/core/resolve/types.ts';
import { resolvedHost } from './fixture-host.ts';
import { mailbox, sisterEvidence } from '../../../src/core/ownership/sister-evidence.ts';

/** A resolved host as the resolver returns it; an unknown third party on its own zone unless told otherwise. */
const host = resolvedHost;

const CLOUDFLARE_NS = ['kate.ns.cloudflare.com', 'rob.ns.cloudflare.com'];
const page = host('www.news.example', 'news.example', {
  firstParty: true,
  nameServers: ['ns1.news.example', 'ns2.news.example'],
  soa: { primary: 'ns1.news.example', contact: 'hostmaster.news.example' },
});
/** The same page on a shared DNS provider, as most sites are. */
const sharedPage = host('www.news.example', 'news.example', {
  firstParty: true,
  nameServers: CLOUDFLARE_NS,
  soa: { primary: 'kate.ns.cloudflare.com', contact: 'dns.cloudflare.com' },
});
const kinds = (h: ResolvedHost, p = page) => sisterEvidence(h, p).map((e) => e.kind);

describe('sisterEvidence: facts a stranger could not share by accident', () => {
  it.each<[string, ResolvedHost, ResolvedHost, string[]]>([
    [
      'its zone is served by name servers under the page’s domain',
      host('static.newsimg.example', 'newsimg.example', { nameServers: ['ns1.news.example'] }),
      page,
      ['name-servers'],
    ],
    [
      'its SOA names a contact at the page’s domain',
      host('a1.nws.example', 'nws.example', {
        nameServers: CLOUDFLARE_NS,
        soa: { primary: 'kate.ns.cloudflare.com', contact: 'hostmaster.news.example' },
      }),
      page,
      ['soa'],
    ],
    [
      'its SOA names a primary under the page’s domain',
      host('a1.nws.example', 'nws.example', {
        soa: { primary: 'ns9.news.example', contact: 'dns.example.net' },
      }),
      page,
      ['soa'],
    ],
    [
      'it is an alias of a name in the page’s domain',
      host('video.newsvideo.example', 'newsvideo.example', { cnames: ['video.news.example'] }),
      page,
      ['cname'],
    ],
    [
      'the page’s zone is served by name servers under its domain',
      host('img.nyt.example', 'nyt.example'),
      host('www.nytimes.example', 'nytimes.example', { firstParty: true, nameServers: ['ns1.nyt.example'] }),
      ['page-name-servers'],
    ],
    [
      'the page’s SOA names a contact at its domain',
      host('img.nyt.example', 'nyt.example'),
      host('www.nytimes.example', 'nytimes.example', {
        firstParty: true,
        soa: { primary: 'ns1.p01.dns.example', contact: 'dns-admin.nyt.example' },
      }),
      ['page-soa'],
    ],
    [
      'third-party-web lists both under one company',
      host('fonts.gstatic.com', 'gstatic.com', {
        entity: { name: 'Google Fonts', company: 'Google', category: 'cdn', unrecognised: false },
      }),
      host('www.youtube.com', 'youtube.com', {
        firstParty: true,
        entity: { name: 'YouTube', company: 'Google', category: 'video', unrecognised: false },
      }),
      ['same-company'],
    ],
  ])('evidence: %s', (_label, h, p, expected) => {
    expect(kinds(h, p)).toEqual(expected);
  });

  it.each<[string, ResolvedHost, ResolvedHost]>([
    [
      'the same shared DNS provider as the page (every Cloudflare zone has these name servers)',
      host('widgets.example.org', 'example.org', {
        nameServers: CLOUDFLARE_NS,
        soa: { primary: 'kate.ns.cloudflare.com', contact: 'dns.cloudflare.com' },
      }),
      sharedPage,
    ],
    [
      'the same CDN as the page (a CNAME into the CDN, not into the page’s domain)',
      host('cdn.shop.example', 'shop.example', { cnames: ['shop.example.map.fastly.net'] }),
      host('www.news.example', 'news.example', { firstParty: true, cnames: ['news.example.map.fastly.net'] }),
    ],
    [
      'a tenant of a shared platform, whatever its records say',
      host('news.github.io', 'news.github.io', { zone: 'github.io', cnames: ['www.news.example'] }),
      page,
    ],
    [
      'a host whose own name is a CDN’s',
      host('d111.cloudfront.net', 'd111.cloudfront.net', {
        zone: 'cloudfront.net',
        providers: [
          { name: 'Amazon CloudFront', role: 'cdn', signal: 'hostname', evidence: 'cloudfront.net' },
        ],
      }),
      page,
    ],
    [
      'an operator’s own domain (its made-up entity names the operator)',
      host('js.monitor.azure.com', 'azure.com', {
        entity: { name: 'azure.com', company: 'Microsoft', category: 'other', unrecognised: true },
        nameServers: ['ns1.news.example'],
      }),
      page,
    ],
    [
      'a known company that is not the page’s',
      host('www.googletagmanager.com', 'googletagmanager.com', {
        entity: {
          name: 'Google Tag Manager',
          company: 'Google',
          category: 'tag-manager',
          unrecognised: false,
        },
        nameServers: ['ns1.news.example'],
      }),
      page,
    ],
    [
      'a host already first party',
      host('static.news.example', 'news.example', { firstParty: true, nameServers: ['ns1.news.example'] }),
      page,
    ],
    [
      'a label match that is not a domain boundary',
      host('cdn.other.example', 'other.example', {
        nameServers: ['ns1.notnews.example'],
        cnames: ['x.badnews.example'],
      }),
      page,
    ],
    [
      'a page on a shared platform: its zone’s records are the platform’s',
      host('cdn.githubassets.example', 'githubassets.example'),
      host('news.github.io', 'news.github.io', {
        firstParty: true,
        zone: 'github.io',
        nameServers: ['ns1.githubassets.example'],
        soa: { primary: 'ns1.githubassets.example', contact: 'hostmaster.githubassets.example' },
      }),
    ],
  ])('no evidence: %s', (_label, h, p) => {
    expect(sisterEvidence(h, p)).toEqual([]);
  });

  it('words each piece of evidence with the records it rests on', () => {
    const h = host('a1.nws.example', 'nws.example', {
      nameServers: ['ns2.news.example'],
      soa: { primary: 'ns2.news.example', contact: 'hostmaster.news.example' },
      cnames: ['a1.news.example'],
    });
    expect(sisterEvidence(h, page).map((e) => e.text)).toEqual([
      'nws.example is served by ns2.news.example, a name server under your domain news.example',
      'nws.example names hostmaster@news.example as its contact (SOA), an address at your domain',
      'a1.nws.example is an alias (CNAME) of a1.news.example, a name in your domain news.example',
    ]);
  });
});

describe('mailbox', () => {
  it.each([
    ['hostmaster.news.example', 'hostmaster@news.example'],
    ['awsdns-hostmaster.amazon.com', 'awsdns-hostmaster@amazon.com'],
    ['nodot', 'nodot'],
  ])('%s → %s', (rname, expected) => {
    expect(mailbox(rname)).toBe(expected);
  });
});
