/** POST /api/resolve in the OpenAPI document (route: functions/api/resolve.ts). */
import {
  DOH_SUBREQUEST_BUDGET,
  MAX_HOSTS_PER_REQUEST,
  MAX_RESOLVE_BODY_BYTES,
  RESOLVE_DEADLINE_MS,
} from '../dns/limits.ts';
import { resolveRequestSchema } from '../resolve/request-schema.ts';
import { resolveResponseSchema } from './deps.ts';
import {
  errorResponse,
  methodNotAllowedResponse,
  rateLimitedResponse,
  unsupportedMediaTypeResponse,
} from './errors.ts';
import type { PathEntry } from './registry.ts';

/**
 * The route's own schema, with the host count it checks separately (413 too_many_hosts) stated as
 * maxItems, so the document shows the batch size clients must respect.
 */
const documentedRequest = resolveRequestSchema
  .extend({
    hosts: resolveRequestSchema.shape.hosts.max(MAX_HOSTS_PER_REQUEST).meta({
      description: `Host names (or URLs' hosts), at most ${MAX_HOSTS_PER_REQUEST}; an invalid one is reported per host as invalid_host.`,
    }),
  })
  .meta({ description: '`page` (an http(s) URL) decides which hosts are first-party.' });

export const resolvePathEntry: PathEntry = {
  path: '/api/resolve',
  method: 'post',
  operationId: 'resolveHosts',
  summary: 'Resolve hosts over DNS-over-HTTPS and attribute them to CDNs, clouds and DNS providers',
  description: `For each host: the CNAME chain, A/AAAA addresses, name servers of its registrable domain, origin ASN, the entity that runs it and the providers it depends on, with the signal that named each. A failed lookup is a per-host error, never a failed call. Each call sends at most ${DOH_SUBREQUEST_BUDGET} DoH queries and finishes within ${RESOLVE_DEADLINE_MS / 1000} s; hosts cut off get budget_exhausted or timeout. Not cached (no-store).`,
  tags: ['deps'],
  requestBody: { description: `At most ${MAX_RESOLVE_BODY_BYTES} bytes of JSON.`, schema: documentedRequest },
  responses: {
    '200': { description: 'One result per distinct host, in request order.', schema: resolveResponseSchema },
    '400': errorResponse(
      'Code "invalid_json" when the body does not parse, "invalid_body" (with issues) when it is not { hosts: string[], page?: string }.',
      ['invalid_json', 'invalid_body'],
    ),
    '405': methodNotAllowedResponse('POST'),
    '413': errorResponse(
      `Code "body_too_large" beyond ${MAX_RESOLVE_BODY_BYTES} bytes, "too_many_hosts" beyond ${MAX_HOSTS_PER_REQUEST} hosts (send batches).`,
      ['body_too_large', 'too_many_hosts'],
    ),
    '415': unsupportedMediaTypeResponse,
    '429': rateLimitedResponse('resolve'),
  },
};
