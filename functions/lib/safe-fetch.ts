/**
 * Fetches a stranger's URL without letting it steer us into private space: every hop (the page and each
 * redirect) passes `checkTarget` (scheme, credentials, port, IP literal, blocked names, every DoH answer)
 * right before it is requested; redirects are followed by hand (`redirect: 'manual'`) at most
 * MAX_REDIRECTS times; one deadline covers DNS, all hops and the body; the body is streamed and cut at a
 * byte limit (counted after decompression, so a gzip bomb stops at the limit too).
 *
 * The gap we cannot close from a Worker: `fetch` resolves the host again with the platform's resolver, so a
 * name that answers public to our DoH lookups and private to that resolver would get through (DNS
 * rebinding). The uncached recheck (`recheck`) narrows the window to the moment before the request; a
 * server that answers public to as many lookups as we make still wins. See docs/scan.md, "Known gaps".
 */
import { checkTarget, type HostResolver, type TargetPolicy } from '../../src/core/scan/check-target.ts';
import { judgeHostname } from '../../src/core/scan/host-policy.ts';
import { POLICY_REFUSAL_CODES as POLICY_CODES, ScanRefusal } from '../../src/core/scan/refusals.ts';

/** Statuses that carry a Location to follow (Fetch standard, "redirect status"). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Sent with every request, so site owners can tell what visited them. */
export const SCAN_USER_AGENT =
  'edge-speed-tools-dependency-mapper/1.0 (+https://github.com/; one page, no crawling)';

export interface SafeFetchOptions {
  policy: TargetPolicy;
  /**
   * A second, uncached resolver asked right before each request of a named host; any non-public answer,
   * blocked CNAME or missing answer refuses the hop. Narrows (does not close) the rebinding window
   * between a cached check and the fetch.
   */
  recheck?: HostResolver;
  fetch: typeof fetch;
  /** Absolute time (ms since epoch, as `now()` reports it) by which everything must be done. */
  deadline: number;
  maxRedirects: number;
  maxBytes: number;
  accept: string;
  now?: () => number;
}

export interface LimitedBody {
  stream: ReadableStream<Uint8Array>;
  /** Bytes delivered so far. */
  bytes(): number;
  /** Why reading stopped early, or null if the body ended on its own. */
  truncated(): 'bytes' | 'time' | 'error' | null;
}

export interface SafeResponse {
  finalUrl: URL;
  status: number;
  redirects: string[];
  headers: Headers;
  body: LimitedBody;
}

export async function safeFetch(input: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const now = options.now ?? Date.now;
  const redirects: string[] = [];
  let current = input;
  for (let hop = 0; ; hop += 1) {
    const verdict = await beforeDeadline(checkTarget(current, options.policy), options.deadline, now);
    if (!verdict.ok) {
      if (hop > 0 && POLICY_CODES.has(verdict.code)) {
        throw new ScanRefusal(
          'redirect_refused',
          `The site redirected to ${clip(current)}, which is refused: ${verdict.message}`,
        );
      }
      throw new ScanRefusal(verdict.code, verdict.message);
    }
    const url = verdict.url;
    if (!verdict.exempt && options.recheck) await recheckHost(url, options, now, hop);

    const remaining = options.deadline - now();
    if (remaining <= 0) throw new ScanRefusal('timeout', 'The site did not answer in time.');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), remaining);
    let response: Response;
    try {
      response = await options.fetch(url.href, {
        method: 'GET',
        redirect: 'manual',
        signal: controller.signal,
        headers: { accept: options.accept, 'user-agent': SCAN_USER_AGENT },
      });
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted || now() >= options.deadline) {
        throw new ScanRefusal('timeout', 'The site did not answer in time.', { cause: error });
      }
      throw new ScanRefusal('origin_unreachable', `Could not connect to ${url.host}.`, { cause: error });
    }

    if (REDIRECT_STATUSES.has(response.status)) {
      clearTimeout(timer);
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get('location');
      if (location === null || location.trim() === '') {
        throw new ScanRefusal('origin_error', `The site answered ${response.status} without a Location.`);
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new ScanRefusal(
          'redirect_refused',
          'The site redirected to an address that is not a valid URL.',
        );
      }
      if (redirects.length >= options.maxRedirects) {
        throw new ScanRefusal(
          'too_many_redirects',
          `The site redirected more than ${options.maxRedirects} times.`,
        );
      }
      redirects.push(next.href);
      current = next.href;
      continue;
    }
    return {
      finalUrl: url,
      status: response.status,
      redirects,
      headers: response.headers,
      body: limitBody(response.body, options.maxBytes, options.deadline, now, () => clearTimeout(timer)),
    };
  }
}

/**
 * The uncached second lookup right before a request, judged by the same rules as the first (`checkTarget`:
 * every address, every CNAME in the chain). It fails closed: a name that resolved a moment ago and now
 * gives no usable answer (SERVFAIL, NXDOMAIN, no addresses, an exhausted budget) is refused with
 * `dns_failed`. Otherwise an attacker's server could answer public to the check, stay silent for the
 * recheck, and answer private to the platform's resolver.
 */
async function recheckHost(
  url: URL,
  options: SafeFetchOptions,
  now: () => number,
  hop: number,
): Promise<void> {
  if (!options.recheck || judgeHostname(url.hostname).kind !== 'name') return;
  const policy: TargetPolicy = { allowedOrigins: options.policy.allowedOrigins, resolve: options.recheck };
  const verdict = await beforeDeadline(checkTarget(url.href, policy), options.deadline, now);
  if (verdict.ok) return;
  const message = `${url.hostname} changed its answer between two lookups (possible DNS rebinding): ${verdict.message}`;
  if (!POLICY_CODES.has(verdict.code)) throw new ScanRefusal(verdict.code, message);
  throw new ScanRefusal(hop > 0 ? 'redirect_refused' : 'private_address', message);
}

/** Rejects with `timeout` when the deadline passes first. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number, now: () => number): Promise<T> {
  const remaining = deadline - now();
  if (remaining <= 0) throw new ScanRefusal('timeout', 'The scan ran out of time.');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScanRefusal('timeout', 'The scan ran out of time.')), remaining);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wraps a body so that reading stops at `maxBytes` or at the deadline, whichever comes first; what was read
 * until then is delivered and the rest is cancelled. A slow-loris body therefore costs at most the deadline.
 */
export function limitBody(
  source: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  deadline: number,
  now: () => number = Date.now,
  onDone: () => void = () => {},
): LimitedBody {
  let bytes = 0;
  let truncated: 'bytes' | 'time' | 'error' | null = null;
  const reader = source?.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<'time'>((resolve) => {
    timer = setTimeout(() => resolve('time'), Math.max(0, deadline - now()));
  });
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, why: typeof truncated) => {
    truncated = why;
    clearTimeout(timer);
    onDone();
    if (why !== null) reader?.cancel().catch(() => {});
    controller.close();
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!reader) return finish(controller, null);
      let result: ReadableStreamReadResult<Uint8Array> | 'time';
      try {
        result = await Promise.race([reader.read(), timeUp]);
      } catch {
        return finish(controller, now() >= deadline ? 'time' : 'error');
      }
      if (result === 'time') return finish(controller, 'time');
      if (result.done) return finish(controller, null);
      const chunk = result.value;
      if (bytes + chunk.byteLength > maxBytes) {
        const room = maxBytes - bytes;
        if (room > 0) controller.enqueue(chunk.subarray(0, room));
        bytes += room;
        return finish(controller, 'bytes');
      }
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      clearTimeout(timer);
      onDone();
      return reader?.cancel().catch(() => {});
    },
  });
  return { stream, bytes: () => bytes, truncated: () => truncated };
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
