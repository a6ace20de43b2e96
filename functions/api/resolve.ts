/**
 * POST /api/resolve { hosts: string[], page?: string } → ResolveResponse (src/core/resolve/types.ts and src/core/scan/types.ts).
 * Thin: validate, wire the DoH client and attribution from the environment, call the core.
 * Limits (docs/resolver.md): MAX_HOSTS_PER_REQUEST hosts, MAX_RESOLVE_BODY_BYTES of body,
 * RESOLVE_DEADLINE_MS for the whole call, DOH_SUBREQUEST_BUDGET DoH fetches.
 */
import { attributeHost } from '../../src/core/attribution/attribute-host.ts';
import { createBudget } from '../../src/core/dns/budget.ts';
import {
  DOH_SUBREQUEST_BUDGET,
  MAX_HOSTS_PER_REQUEST,
  MAX_RESOLVE_BODY_BYTES,
  RESOLVE_DEADLINE_MS,
} from '../../src/core/dns/limits.ts';
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';
import { resolveRequestSchema } from '../../src/core/resolve/request-schema.ts';
import { resolveHosts } from '../../src/core/resolve/resolve-hosts.ts';
import { asnSourceFromEnv, dohClientFromEnv } from '../lib/doh.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { loadRangeIndex } from '../lib/range-index-source.ts';
import { json } from '../lib/respond.ts';

export const onRequestPost: PagesFunction<Env> = async (context) => {
  const { request, env } = context;
  const body = await readJsonBody(request, {
    maxBytes: MAX_RESOLVE_BODY_BYTES,
    tooLarge: () =>
      new ApiError(413, 'body_too_large', `The body is larger than ${MAX_RESOLVE_BODY_BYTES} bytes.`),
    notJson: () => new ApiError(400, 'invalid_json', 'The body is not valid JSON.'),
  });
  if (isObject(body) && Array.isArray(body.hosts) && body.hosts.length > MAX_HOSTS_PER_REQUEST) {
    throw new ApiError(
      413,
      'too_many_hosts',
      `At most ${MAX_HOSTS_PER_REQUEST} hosts per call (got ${body.hosts.length}); send them in batches.`,
    );
  }
  const parsed = resolveRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(400, 'invalid_body', 'The body must be { "hosts": string[], "page"?: string }.', {
      issues: issuesFrom(parsed.error.issues),
    });
  }
  // Loaded alongside the DNS work (a KV read and an index build on an isolate's first call), not before
  // it: attribution only needs it once a host's lookups are done.
  const ranges = loadRangeIndex(env.KV);
  ranges.catch(() => undefined); // awaited per host below; never an unhandled rejection meanwhile
  const deadline = new AbortController();
  const budget = createBudget(DOH_SUBREQUEST_BUDGET);
  let answered!: () => void;
  const client = dohClientFromEnv(env, {
    budget,
    signal: deadline.signal,
    waitUntil: (promise) => context.waitUntil(promise),
    writesAfter: new Promise<void>((resolve) => (answered = resolve)),
  });
  const result = await resolveHosts(parsed.data.hosts, parsed.data.page, {
    client,
    attribute: async (obs, page) => attributeHost(obs, page, await ranges),
    budget,
    asnSource: asnSourceFromEnv(env.ASN_SOURCE),
    deadlineMs: RESOLVE_DEADLINE_MS,
    onDeadline: () => deadline.abort(),
  }).finally(answered);
  return json(result, { headers: { 'cache-control': 'no-store' } });
};

/** Anything but POST: 405 with the envelope. */
export const onRequest = methodNotAllowed('POST', 'Use POST with a JSON body.');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
