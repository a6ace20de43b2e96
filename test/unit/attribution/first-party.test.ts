import { describe, expect, it } from 'vitest';
import { isFirstParty } from '../../../src/core/attribution/first-party.ts';

describe('isFirstParty', () => {
  it.each([
    ['static.example.com', 'https://www.example.com/', true],
    ['example.com.', 'https://www.example.com/', true],
    ['www.bbc.co.uk', 'https://www.bbc.co.uk/', true],
    // co.uk is a public suffix: two sites under it are not one party
    ['www.itv.co.uk', 'https://www.bbc.co.uk/', false],
    // private-section tenants are separate sites even though third-party-web knows the platform
    ['bar.github.io', 'https://foo.github.io/', false],
    ['foo.github.io', 'https://foo.github.io/about', true],
    ['d2.cloudfront.net', 'https://d1.cloudfront.net/', false],
    // same third-party-web entity: a site's own static/asset domains
    ['i.ytimg.com', 'https://www.youtube.com/', true],
    ['static.xx.fbcdn.net', 'https://www.facebook.com/', true],
    // different entities of one company stay third party (Lighthouse's rule: same entity, not company)
    ['fonts.gstatic.com', 'https://www.google.com/', false],
    ['www.googletagmanager.com', 'https://www.expressen.se/', false],
    // IP literals compare as themselves
    ['127.0.0.1', 'http://127.0.0.1:8788/', true],
    ['127.0.0.2', 'http://127.0.0.1:8788/', false],
    // no page, no first party
    ['www.example.com', null, false],
    ['www.example.com', 'garbage', false],
  ])('%s on %s → %s', (host, page, expected) => {
    expect(isFirstParty(host, page)).toBe(expected);
  });
});
