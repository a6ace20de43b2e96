/**
 * Zod mirrors of the dependency mapper's response types (src/core/resolve/types.ts and src/core/scan/types.ts), for the OpenAPI document
 * and for contract tests that parse real responses. The interfaces stay the source of truth;
 * test/unit/openapi/deps.test.ts proves at compile time that each schema's output type and its interface
 * are the same type, so adding, renaming or retyping a field on either side fails the type check.
 */
import * as z from 'zod';
import { HOST_ERROR_CODES, PROVIDER_ROLES, SIGNALS } from '../resolve/types.ts';
import { INITIATOR_TYPES, RESOURCE_KINDS, SCAN_METHODS } from '../scan/types.ts';
import { MAX_HOSTS_PER_REQUEST } from '../dns/limits.ts';
import { RISK_CODES, RISK_SEVERITIES } from '../risk/types.ts';

const signalSchema = z.enum(SIGNALS).meta({ description: 'Which signal produced the attribution.' });

export const providerAttributionSchema = z.object({
  name: z
    .string()
    .meta({ description: 'Display name, e.g. "Amazon CloudFront", "Akamai", "Google Cloud DNS".' }),
  operator: z.string().optional().meta({
    description:
      'The company that runs the network, e.g. "Amazon" for both "Amazon CloudFront" and "Amazon Route 53". Always set by this API; optional so that older saved reports stay valid.',
  }),
  role: z.enum(PROVIDER_ROLES),
  signal: signalSchema,
  service: z
    .string()
    .optional()
    .meta({ description: 'Service detail, e.g. "CloudFront" or "EC2" for AWS ranges.' }),
  evidence: z
    .string()
    .optional()
    .meta({ description: 'What matched: the CNAME suffix, the prefix, the NS host.' }),
  corroboration: z
    .array(z.object({ signal: signalSchema, evidence: z.string() }))
    .optional()
    .meta({ description: 'Weaker signals that named the same provider and role.' }),
});

export const hostErrorSchema = z.object({
  code: z.string().meta({
    description: 'Stable code of a failed lookup; the host is still listed (unknown is data, not an error).',
    examples: [...HOST_ERROR_CODES],
  }),
  message: z.string(),
  stage: z.string().optional().meta({ description: 'Which lookup failed: "A", "AAAA", "NS", "ASN".' }),
});

export const riskSchema = z
  .object({
    code: z.string().meta({
      description: 'Stable code of the risk; more codes may be added without changing this shape.',
      examples: [...RISK_CODES],
    }),
    severity: z.enum(RISK_SEVERITIES),
    message: z.string().meta({ description: 'What it means, in plain words.' }),
    evidence: z
      .string()
      .meta({ description: 'What was observed: the matched list entry, the CNAME chain and its answer.' }),
    source: z.string().optional().meta({
      description: "URL of the rule's data source: a public write-up or the vendor's documentation.",
    }),
  })
  .meta({ description: 'A risk of a host or resource (docs/risks.md lists every code and its evidence).' });

const asnSchema = z.object({ number: z.number().int().min(0), name: z.string(), prefix: z.string() });

export const resolvedHostSchema = z.object({
  host: z.string(),
  firstParty: z.boolean().meta({ description: 'Same registrable domain (Public Suffix List) as `page`.' }),
  entity: z
    .object({
      name: z.string(),
      company: z.string(),
      category: z.string(),
      unrecognised: z.boolean(),
      product: z.string().optional(),
    })
    .meta({ description: 'Who runs the host (third-party-web); `unrecognised` when no entity matched.' }),
  cnames: z.array(z.string()).meta({ description: 'The CNAME chain in order, excluding the host itself.' }),
  addresses: z.array(z.string()),
  providers: z.array(providerAttributionSchema),
  asn: asnSchema.nullable().meta({ description: 'Origin AS of the first address; null when unknown.' }),
  nameServers: z
    .array(z.string())
    .optional()
    .meta({ description: 'Name servers of the registrable domain.' }),
  zone: z.string().optional().meta({
    description:
      'Registrable domain under the ICANN section of the Public Suffix List: the zone of `nameServers` and `soa`.',
  }),
  site: z.string().optional().meta({
    description: "Registrable domain including the list's private section, as first party compares sites.",
  }),
  soa: z.object({ primary: z.string(), contact: z.string() }).optional().meta({
    description:
      "SOA of `zone` (primary name server, responsible mailbox as a name), asked when `page` is set for the page's own host and unknown third parties, on the DoH budget left; evidence of sister domains.",
  }),
  risks: z
    .array(riskSchema)
    .optional()
    .meta({ description: 'Risks of the host itself: known_compromised, dangling_cname.' }),
  errors: z.array(hostErrorSchema),
});

export const resolveResponseSchema = z.object({
  page: z.string().nullable(),
  hosts: z
    .array(resolvedHostSchema)
    .max(MAX_HOSTS_PER_REQUEST)
    .meta({ description: 'One entry per requested host, in request order (duplicates merged).' }),
  stats: z
    .object({ queries: z.number().int().min(0), cacheHits: z.number().int().min(0), ms: z.number().min(0) })
    .optional()
    .meta({
      description: 'DoH queries sent upstream after cache and de-duplication, cache hits, and wall time.',
    }),
});

const resourceKindSchema = z.enum(RESOURCE_KINDS);

export const resourceSchema = z.object({
  url: z.string(),
  host: z.string(),
  kind: resourceKindSchema,
  renderBlocking: z.boolean(),
  inferred: z
    .boolean()
    .optional()
    .meta({ description: 'True for URL literals found in inline scripts (not proof of a request).' }),
  integrity: z
    .string()
    .optional()
    .meta({ description: "The element's `integrity` attribute as written, when it had one." }),
  requested: z.boolean().optional().meta({
    description:
      'Rendered scans: whether the browser requested it before the scan stopped; false = named in the served HTML only.',
  }),
  resourceType: z
    .string()
    .optional()
    .meta({ description: "Rendered scans: Chrome's Network.ResourceType, lower-cased." }),
  initiator: z
    .object({ type: z.enum(INITIATOR_TYPES), url: z.string().optional() })
    .optional()
    .meta({ description: 'Rendered scans: who made the request (parser, script URL, redirect hop).' }),
  method: z.string().optional(),
  status: z.number().int().optional(),
  failure: z
    .string()
    .optional()
    .meta({ description: 'Why no response came: a net error, "timeout" or "blocked".' }),
  renderBlockingSource: z.enum(['browser', 'markup']).optional(),
  risks: z
    .array(riskSchema)
    .optional()
    .meta({ description: 'Risks of the resource: no_sri, insecure_transport, known_compromised.' }),
});

export const scanResponseSchema = z.object({
  method: z.enum(SCAN_METHODS).meta({ description: 'How this answer was made.' }),
  fallback: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .meta({ description: 'Set when a rendered scan was wanted but the static scan answered, and why.' }),
  blocked: z
    .array(
      z.object({
        url: z.string(),
        reason: z.string().meta({ description: 'Why, for people.' }),
        code: z.string().optional().meta({
          description:
            'Why, as a stable code: a target-policy refusal (private_address, port_not_allowed, dns_failed, …) or a channel refused outright (websocket, connection, popup, request_limit, body_too_large, speculation_rules).',
        }),
      }),
    )
    .optional()
    .meta({ description: 'Requests of the page refused by the browser fence (rendered scans).' }),
  page: z.object({
    requestedUrl: z.string(),
    finalUrl: z.string().meta({ description: 'After redirects.' }),
    status: z.number().int(),
    redirects: z.array(z.string()),
    bytes: z.number().int().min(0),
    truncated: z.boolean().meta({ description: 'True when the page was cut at a size or time limit.' }),
  }),
  resources: z.array(resourceSchema),
  hosts: z
    .array(z.string())
    .meta({ description: "Distinct hosts of the page and its resources, the page's own first." }),
  limits: z
    .record(z.string(), z.number())
    .meta({ description: 'Every limit of the scan by name (src/core/scan/limits.ts), e.g. maxPageBytes.' }),
  stats: z
    .object({
      ms: z.number().min(0),
      encoding: z.string(),
      skipped: z.number().int().min(0),
      limitsHit: z
        .array(z.string())
        .meta({ description: 'Names of the `limits` entries that cut something.' }),
      stylesheetsRead: z.number().int().min(0),
      stylesheetsFailed: z.number().int().min(0),
      parserError: z.string().optional(),
      cache: z.enum(['hit', 'miss']).optional(),
      render: z
        .object({
          requests: z.number().int().min(0),
          blocked: z.number().int().min(0),
          reusedSession: z.boolean(),
          browserMs: z.number().min(0),
          renderMs: z.number().min(0),
          loadMs: z.number().min(0).optional(),
          stopReason: z.enum(['quiet', 'afterLoadLimit', 'timeLimit', 'requestLimit']),
        })
        .optional()
        .meta({
          description:
            "Rendered scans: the browser's side (requests, refusals, session reuse, times, why it stopped).",
        }),
    })
    .optional(),
});
