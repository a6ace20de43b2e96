/**
 * RequestLog: the accounting of a rendered scan from the browser's Network events, with a hand-driven
 * clock: one entry per URL, redirects and failures, what the fence refused, the request cap, and the
 * quiet rule (no activity for NETWORK_QUIET_MS with at most QUIET_MAX_IN_FLIGHT open).
 */
import { describe, expect, it } from 'vitest';
import { NETWORK_QUIET_MS, QUIET_MAX_IN_FLIGHT } from '../../../src/core/render/limits.ts';
import { RequestLog, hostOf, type RequestEvent } from '../../../src/core/render/request-log.ts';

const PAGE = 'https://shop.example/';
const clock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const sent = (url: string, extra: Partial<RequestEvent> = {}): RequestEvent => ({
  requestId: '',
  documentURL: PAGE,
  request: { url, method: 'GET' },
  initiator: { type: 'parser', url: PAGE },
  type: 'Script',
  ...extra,
});

describe('RequestLog', () => {
  it('records one entry per URL with type, method, status and initiator; fragments do not make new URLs', () => {
    const log = new RequestLog({ now: clock().now });
    log.willBeSent('1', sent('https://cdn.example/a.js#x', { renderBlockingBehavior: 'Blocking' }));
    log.response('1', 200, 'Script');
    log.finished('1');
    log.willBeSent('2', sent('https://cdn.example/a.js', { type: 'Script' }));
    log.finished('2');
    expect(log.requests()).toEqual([
      {
        url: 'https://cdn.example/a.js',
        host: 'cdn.example',
        resourceType: 'script',
        method: 'GET',
        status: 200,
        initiator: { type: 'parser', url: PAGE },
        renderBlocking: true,
        documentUrl: PAGE,
      },
    ]);
  });

  it('records each redirect hop, the next one brought by the one before', () => {
    const log = new RequestLog({ now: clock().now });
    log.willBeSent('7', sent('https://a.example/x'));
    log.willBeSent('7', sent('https://b.example/y', { redirectResponse: { status: 302 } }));
    log.response('7', 200);
    log.finished('7');
    expect(log.requests().map((r) => [r.url, r.status, r.initiator])).toEqual([
      ['https://a.example/x', 302, { type: 'parser', url: PAGE }],
      ['https://b.example/y', 200, { type: 'redirect', url: 'https://a.example/x' }],
    ]);
  });

  it('keeps the browser’s net error, "blocked" for what the fence refused, "timeout" for what is still open', () => {
    const log = new RequestLog({ now: clock().now });
    log.willBeSent('1', sent('https://down.example/a.js'));
    log.failed('1', 'net::ERR_NAME_NOT_RESOLVED');
    log.willBeSent('2', sent('http://127.0.0.1:9/x'));
    log.block('http://127.0.0.1:9/x', 'port_not_allowed', 'not the default port');
    log.failed('2', 'net::ERR_BLOCKED_BY_CLIENT');
    log.willBeSent('3', sent('https://slow.example/hang'));
    expect(log.requests().map((r) => [r.host, r.failure])).toEqual([
      ['down.example', 'net::ERR_NAME_NOT_RESOLVED'],
      ['127.0.0.1', 'blocked'],
      ['slow.example', 'timeout'],
    ]);
  });

  it('lists refused URLs once each with code and reason, up to maxBlocked, counting them all', () => {
    const log = new RequestLog({ now: clock().now, maxBlocked: 2 });
    log.block('ws://127.0.0.1:9/a', 'websocket', 'no WebSockets', 'websocket');
    log.block('ws://127.0.0.1:9/a', 'websocket', 'no WebSockets', 'websocket');
    log.block('http://10.0.0.1/', 'private_address', 'private');
    log.block('http://10.0.0.2/', 'private_address', 'private');
    expect(log.blocked()).toEqual([
      { url: 'ws://127.0.0.1:9/a', code: 'websocket', reason: 'no WebSockets' },
      { url: 'http://10.0.0.1/', code: 'private_address', reason: 'private' },
    ]);
    expect(log.counts().blocked).toBe(4);
    // A refused URL is a host the page tried to reach: it is in the requests, with its failure.
    expect(log.requests().map((r) => `${r.host} ${r.resourceType ?? '-'} ${r.failure}`)).toEqual([
      '127.0.0.1 websocket blocked',
      '10.0.0.1 - blocked',
      '10.0.0.2 - blocked',
    ]);
  });

  it('admits exactly maxRequests requests, then refuses and reports the cap', () => {
    const log = new RequestLog({ now: clock().now, maxRequests: 3 });
    expect([log.admit(), log.admit(), log.admit(), log.overCap, log.admit(), log.admit()]).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(log.overCap).toBe(true);
    expect(log.counts()).toMatchObject({ admitted: 3, refusedOverCap: 2 });
  });

  it(`is quiet after ${NETWORK_QUIET_MS} ms without activity and with at most ${QUIET_MAX_IN_FLIGHT} requests open`, () => {
    const c = clock();
    const log = new RequestLog({ now: c.now });
    for (let i = 0; i < QUIET_MAX_IN_FLIGHT + 1; i += 1)
      log.willBeSent(String(i), sent(`https://a.example/${i}`));
    c.advance(NETWORK_QUIET_MS);
    expect(log.isQuiet()).toBe(false); // one too many open
    log.finished('0');
    expect(log.isQuiet()).toBe(false); // that was activity
    expect(log.quietIn()).toBe(NETWORK_QUIET_MS);
    c.advance(NETWORK_QUIET_MS - 1);
    expect(log.isQuiet()).toBe(false);
    c.advance(1);
    expect(log.isQuiet()).toBe(true); // two long polls still open
    expect(log.inFlight()).toBe(QUIET_MAX_IN_FLIGHT);
  });

  it('takes Resource Timing render-blocking only where the browser said nothing on the request', () => {
    const log = new RequestLog({ now: clock().now });
    log.willBeSent('1', sent('https://a.example/a.css', { renderBlockingBehavior: 'NonBlocking' }));
    log.willBeSent('2', sent('https://a.example/b.css'));
    log.renderBlockingStatus('https://a.example/a.css', 'blocking');
    log.renderBlockingStatus('https://a.example/b.css', 'blocking');
    log.renderBlockingStatus('https://a.example/unknown.css', 'blocking');
    expect(log.requests().map((r) => [r.url, r.renderBlocking])).toEqual([
      ['https://a.example/a.css', false],
      ['https://a.example/b.css', true],
    ]);
  });

  it('ignores what fetches from no host: data:, blob:, about:', () => {
    const log = new RequestLog({ now: clock().now });
    for (const url of ['data:image/png;base64,AA==', 'blob:https://shop.example/1', 'about:blank'])
      log.willBeSent(url, sent(url));
    expect(log.requests()).toEqual([]);
    expect(log.inFlight()).toBe(0);
  });
});

describe('hostOf', () => {
  it.each([
    ['https://a.example/x', 'a.example'],
    ['ws://127.0.0.1:9/', '127.0.0.1'],
    ['wss://[::1]/', '[::1]'],
    ['stun:127.0.0.1:3478', null],
    ['data:text/plain,x', null],
    ['not a url', null],
  ])('%s → %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});
