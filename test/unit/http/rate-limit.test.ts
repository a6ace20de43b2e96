import { describe, expect, it } from 'vitest';
import { MAX_HOSTS_PER_REQUEST } from '../../../src/core/dns/limits.ts';
import { MAX_MAP_HOSTS } from '../../../src/core/har/limits.ts';
import {
  LOCAL_CLIENT_KEY,
  MAX_CLIENT_KEY_LENGTH,
  RATE_LIMITS,
  SWEEP_INTERVAL_MS,
  clientKey,
  createLimiter,
  expandIpv6,
  limitNameFor,
  limitsFromEnv,
  type RateLimit,
} from '../../../src/core/http/rate-limit.ts';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const tenPerMinute: RateLimit = { name: 'scan', perMinute: 10, burst: 3 };

describe('createLimiter (token bucket)', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, clock);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    // 10 per minute = one token every 6 s.
    expect(limiter.take('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 6 });
    clock.advance(5_000);
    expect(limiter.take('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 0 });
  });

  it('counts clients apart', () => {
    const limiter = createLimiter(tenPerMinute, fakeClock());
    for (let i = 0; i < 3; i++) limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b')).toEqual({ allowed: true, remaining: 2 });
  });

  it('never holds more than the burst after a long idle time', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, clock);
    limiter.take('a');
    clock.advance(3_600_000);
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 2 });
  });

  it('sustains exactly the refill rate under constant pressure', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, clock);
    let allowed = 0;
    // One attempt every 100 ms for 10 minutes: burst + 10/minute * 10 minutes.
    for (let i = 0; i < 6_000; i++, clock.advance(100)) if (limiter.take('a').allowed) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(3 + 100 - 1);
    expect(allowed).toBeLessThanOrEqual(3 + 100);
  });

  it('does not drain or refill when the clock goes backwards', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, clock);
    for (let i = 0; i < 3; i++) limiter.take('a');
    clock.advance(-60_000);
    expect(limiter.take('a').allowed).toBe(false);
    clock.advance(60_000 + 6_000);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps memory bounded under a flood of distinct clients, forgetting idle ones first', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, { now: clock.now, maxClients: 100 });
    for (let i = 0; i < 3; i++) limiter.take('victim');
    for (let i = 0; i < 10_000; i++) limiter.take(`flood-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    // Buckets that refilled completely are dropped losslessly before any active one.
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) limiter.take('active');
    for (let i = 0; i < 99; i++) limiter.take(`late-${i}`);
    expect(limiter.take('active').allowed).toBe(false);
  });

  it('forgets a client once its bucket has refilled and a sweep interval has passed', () => {
    const clock = fakeClock();
    const limiter = createLimiter(tenPerMinute, clock);
    limiter.take('a');
    limiter.take('b');
    expect(limiter.size()).toBe(2);
    clock.advance(SWEEP_INTERVAL_MS);
    limiter.take('c');
    expect(limiter.size()).toBe(1);
  });

  it.each(Object.values(RATE_LIMITS))(
    '$name: named default is sane (burst <= perMinute, both >= 1)',
    (limit) => {
      expect(limit.burst).toBeGreaterThanOrEqual(1);
      expect(limit.perMinute).toBeGreaterThanOrEqual(limit.burst);
    },
  );
});

describe('RATE_LIMITS fit the product', () => {
  it('one burst of resolve calls maps the largest page the mapper builds', () => {
    expect(RATE_LIMITS.resolve.burst).toBeGreaterThanOrEqual(
      Math.ceil(MAX_MAP_HOSTS / MAX_HOSTS_PER_REQUEST),
    );
  });
});

describe('limitsFromEnv (RATE_LIMIT_PER_MINUTE)', () => {
  it.each([
    [undefined, 'defaults'],
    ['', 'defaults'],
    ['  ', 'defaults'],
    ['abc', 'defaults'],
    ['-5', 'defaults'],
    ['1.5', 'defaults'],
    ['1e3', 'defaults'],
    ['0', 'off'],
    ['00', 'off'],
  ])('%j -> %s', (value, expected) => {
    const limits = limitsFromEnv(value);
    expect(limits === null ? 'off' : limits === RATE_LIMITS ? 'defaults' : 'custom').toBe(expected);
  });

  it('a positive integer sets every limit', () => {
    const limits = limitsFromEnv(' 600 ');
    expect(limits?.scan).toEqual({ name: 'scan', perMinute: 600, burst: 600 });
    expect(limits?.resolve.perMinute).toBe(600);
    expect(limits?.reports.burst).toBe(600);
  });
});

describe('limitNameFor', () => {
  it.each([
    ['POST', '/api/scan', 'scan'],
    ['GET', '/api/scan', 'scan'],
    ['post', '/API/Scan/', 'scan'],
    ['POST', '/api/resolve', 'resolve'],
    ['POST', '/api/resolve//', 'resolve'],
    ['POST', '/api/reports', 'reports'],
    ['POST', '/api/reports/', 'reports'],
    ['GET', '/api/reports', null],
    ['GET', '/api/reports/abc', null],
    ['OPTIONS', '/api/scan', null],
    ['GET', '/api/tti', null],
    ['GET', '/api/measure', 'measure'],
    ['HEAD', '/API/Measure/', 'measure'],
    ['OPTIONS', '/api/measure', null],
    ['POST', '/api/scanner', null],
    ['GET', '/deps/', null],
  ])('%s %s -> %s', (method, path, expected) => {
    expect(limitNameFor(method, path)).toBe(expected);
  });
});

describe('clientKey', () => {
  it.each([
    [null, LOCAL_CLIENT_KEY],
    ['', LOCAL_CLIENT_KEY],
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    // Every address of a /64 is one client.
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    // IPv4-mapped IPv6 is the IPv4 client.
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    // Junk is kept (bounded), never an error.
    ['not an ip', 'not an ip'],
    ['1:2:3', '1:2:3'],
  ])('%j -> %j', (header, expected) => {
    expect(clientKey(header)).toBe(expected);
  });

  it('bounds the key length', () => {
    expect(clientKey('x'.repeat(10_000))).toHaveLength(MAX_CLIENT_KEY_LENGTH);
  });
});

describe('expandIpv6', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ['1:2:3:4:5:6:7', null],
    ['1::2::3', null],
    ['1:2:3:4::5:6:7:8', null],
    ['12345::', null],
    ['::ffff:1.2.3.256', null],
    ['g::', null],
  ])('%s', (address, expected) => {
    expect(expandIpv6(address)).toEqual(expected);
  });
});
