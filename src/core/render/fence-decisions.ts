/**
 * The rendered scan's fence, as decisions: may the browser send a request to this URL? Exactly the target
 * policy of the static scanner (`checkTarget`: http(s) only, default ports, no credentials, IP literals
 * classified, blocked names, every DoH answer public; SCAN_ALLOWED_ORIGINS the only exception), asked once
 * per origin per scan: a page's hundred requests to one CDN cost one DNS lookup, and a host cannot answer
 * differently to two requests of the same scan. Pure: the resolver comes in with the policy.
 *
 * Beyond the policy, the browser is refused some channels outright; each has a stable code here so that
 * `ScanResponse.blocked` reads the same in every scan (docs/scan.md, "The browser's fence").
 */
import { checkTarget, type TargetPolicy } from '../scan/check-target.ts';
import type { ScanRefusalCode } from '../scan/refusals.ts';

/** Codes of refusals that are not the target policy's. */
export const CHANNEL_CODES = {
  /** WebSocket / WebSocketStream: opened without an HTTP request the fence could check. */
  websocket: 'websocket',
  /** WebTransport (QUIC) and WebRTC (STUN/TURN): connections the fence cannot see. */
  connection: 'connection',
  /** A `window.open` or a new window the page tried to open. */
  popup: 'popup',
  /** Past MAX_RENDER_REQUESTS. */
  requestLimit: 'request_limit',
  /** A document or worker script larger than MAX_FENCED_BODY_BYTES. */
  bodyTooLarge: 'body_too_large',
  /** A speculation-rules rule set (prefetches the fence cannot intercept). */
  speculationRules: 'speculation_rules',
  /** A request made after the scan ended, while the page unloads (beacons, keep-alive fetches). */
  scanEnded: 'scan_ended',
} as const;

export type ChannelCode = (typeof CHANNEL_CODES)[keyof typeof CHANNEL_CODES];

/** Why each channel is refused, for people (`BlockedRequest.reason`). */
export const CHANNEL_REASONS: Record<ChannelCode, string> = {
  websocket: 'WebSockets are not opened by the scanner (the fence cannot check their handshake).',
  connection: 'WebTransport and WebRTC connections are not opened by the scanner.',
  popup: 'New windows are not opened by the scanner.',
  request_limit: 'The page made more requests than a scan follows.',
  body_too_large: 'The document is larger than the scanner reads.',
  speculation_rules: 'Speculation rules were removed: their prefetches bypass every interception.',
  scan_ended: 'The scan had ended; requests made while the page unloads are refused.',
};
export type BlockCode = ScanRefusalCode | ChannelCode;

export type FenceVerdict = { allow: true } | { allow: false; code: BlockCode; reason: string };

export interface FenceDecisions {
  /** The verdict for a URL the browser is about to request. Never throws. */
  decide(url: string): Promise<FenceVerdict>;
  /** Distinct origins decided so far (each cost at most one DNS lookup). */
  origins(): number;
}

/** The part of a URL the policy depends on: scheme, host and port. */
function originKey(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.username !== '' || url.password !== '') return null; // decided per URL: refused anyway
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

export function createFenceDecisions(policy: TargetPolicy): FenceDecisions {
  const byOrigin = new Map<string, Promise<FenceVerdict>>();
  const judge = async (url: string): Promise<FenceVerdict> => {
    try {
      const verdict = await checkTarget(url, policy);
      return verdict.ok ? { allow: true } : { allow: false, code: verdict.code, reason: verdict.message };
    } catch (error) {
      // The policy never throws by contract; if it ever does, the request is refused (fail closed).
      return {
        allow: false,
        code: 'dns_failed',
        reason: `The address could not be checked: ${String(error)}`,
      };
    }
  };
  return {
    decide(url) {
      const key = originKey(url);
      if (key === null) return judge(url);
      let verdict = byOrigin.get(key);
      if (!verdict) {
        verdict = judge(`${key}/`);
        byOrigin.set(key, verdict);
      }
      return verdict;
    },
    origins: () => byOrigin.size,
  };
}
