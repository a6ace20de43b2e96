/**
 * The guard script, run in a Node vm context that stands in for a worker's global (the browser runs it
 * for real in the render suites): refused constructors throw what a CSP refusal throws and report where
 * they were aimed, reports go to the scan's `.invalid` URL and are capped per realm, the page cannot read
 * the report URL from the functions, and report URLs parse back.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  guardScript,
  isReportUrl,
  MAX_REPORTS_PER_REALM,
  parseReport,
  reportOrigin,
} from '../../../src/core/render/guard-script.ts';

const TOKEN = 'abc123def456';

function realm() {
  const fetched: string[] = [];
  const global: Record<string, unknown> = {
    fetch: (url: string) => {
      fetched.push(url);
      return Promise.resolve();
    },
    location: { href: 'https://shop.example/page' },
    DOMException,
    URL,
    WebSocket: class {},
    RTCPeerConnection: class {},
  };
  global.globalThis = global;
  runInNewContext(guardScript(TOKEN), global);
  const run = (code: string) => runInNewContext(code, global) as unknown;
  return { fetched, run };
}

describe('guardScript', () => {
  it('replaces WebSocket, WebTransport and RTCPeerConnection with refusals that report and throw SecurityError', () => {
    const { fetched, run } = realm();
    for (const code of [
      "new WebSocket('wss://chat.example/socket')",
      "new WebSocket('/relative')",
      "new WebTransport('https://10.0.0.1:4433/wt')",
      "new RTCPeerConnection({ iceServers: [{ urls: ['stun:127.0.0.1:3478', 'turn:10.0.0.1'] }] })",
    ]) {
      expect(() => run(code), code).toThrow(expect.objectContaining({ name: 'SecurityError' }));
    }
    expect(fetched.map((url) => parseReport(url, TOKEN))).toEqual([
      { code: 'websocket', url: 'wss://chat.example/socket' },
      { code: 'websocket', url: 'https://shop.example/relative' },
      { code: 'connection', url: 'https://10.0.0.1:4433/wt' },
      { code: 'connection', url: 'stun:127.0.0.1:3478' },
      { code: 'connection', url: 'turn:10.0.0.1' },
    ]);
  });

  it('defines the refusals even where the realm lacks them yet, and they cannot be replaced', () => {
    const { run } = realm();
    expect(run("typeof WebSocketStream + ' ' + typeof WebTransport")).toBe('function function');
    run(
      'try { WebTransport = function () {} } catch (e) {}; try { delete globalThis.WebTransport } catch (e) {}',
    );
    expect(() => run("new WebTransport('https://x.example/')")).toThrow(
      expect.objectContaining({ name: 'SecurityError' }),
    );
  });

  it('does not show the report URL to the page', () => {
    const { run } = realm();
    expect(run('String(WebSocket)')).not.toContain(TOKEN);
    expect(run('String(WebSocket)')).toContain('[native code]');
  });

  it(`sends at most ${MAX_REPORTS_PER_REALM} reports per realm; later attempts still throw`, () => {
    const { fetched, run } = realm();
    for (let i = 0; i < MAX_REPORTS_PER_REALM + 20; i += 1) {
      expect(() => run(`new WebSocket('ws://x.example/${i}')`)).toThrow();
    }
    expect(fetched).toHaveLength(MAX_REPORTS_PER_REALM);
  });

  it('runs once per realm', () => {
    const { fetched, run } = realm();
    run(guardScript(TOKEN));
    expect(() => run("new WebSocket('ws://x.example/')")).toThrow();
    expect(fetched).toHaveLength(1);
  });

  it('accepts only URL-safe tokens', () => {
    for (const bad of ['', 'short', 'UPPER-case-token', "x'); alert(1); ('", 'a'.repeat(65)]) {
      expect(() => guardScript(bad), bad).toThrow();
    }
  });
});

describe('report URLs', () => {
  const origin = reportOrigin(TOKEN);
  it.each<[string, string, ReturnType<typeof parseReport>]>([
    [
      'this scan’s report',
      `${origin}/?c=websocket&u=${encodeURIComponent('ws://a.example/')}`,
      { code: 'websocket', url: 'ws://a.example/' },
    ],
    ['another scan’s report', `${reportOrigin('zzz999zzz999')}/?c=popup&u=x`, null],
    ['a report without a URL', `${origin}/?c=popup`, null],
    ['an ordinary URL', 'https://shop.example/?c=popup&u=x', null],
    ['garbage', 'not a url', null],
  ])('%s', (_label, url, expected) => {
    expect(parseReport(url, TOKEN)).toEqual(expected);
  });

  it('recognises every report host, forged or not, and nothing else', () => {
    expect(isReportUrl(`${origin}/x`)).toBe(true);
    expect(isReportUrl('https://other.scan-report.invalid/')).toBe(true);
    expect(isReportUrl('https://scan-report.invalid.example.com/')).toBe(false);
    expect(isReportUrl('nonsense')).toBe(false);
  });
});
