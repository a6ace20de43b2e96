/**
 * The saved report's schema, checked at the edge (POST /api/reports, and again when GET serves a stored
 * one) so a permalink can only ever hold a well-formed map. Anyone may POST a report and anyone with the
 * link sees it, so every field is as strict as the map that produced it: hosts are ASCII DNS names or IP
 * addresses, URLs are network URLs (never javascript: or data:) whose host is the resource's host, free
 * text has no control, bidi or zero-width characters (report-fields.ts), and strings, lists and counts are
 * bounded. Unknown keys (`__proto__` included) are dropped.
 */
import { z } from 'zod';
import { PROVIDER_ROLES, SIGNALS } from '../resolve/types.ts';
import { HAR_MAX_ENTRIES } from '../har/limits.ts';
import { INITIATOR_TYPES, SCAN_METHODS } from '../scan/types.ts';
import {
  MAX_REPORT_BLOCKED,
  MAX_REPORT_HOSTS,
  MAX_REPORT_INTEGRITY,
  MAX_REPORT_LIST,
  MAX_REPORT_RESOURCES,
  MAX_REPORT_TEXT,
} from './report-limits.ts';
import {
  CODE_PATTERN,
  FAILURE_PATTERN,
  isBareScheme,
  isIpAddress,
  isMapHost,
  isPrefix,
  isStoredUrl,
  MAX_ASN,
  MAX_HOST_CHARS,
  MAX_HTTP_STATUS,
  MIME_TYPE_PATTERN,
  MIN_HTTP_STATUS,
  SAFE_TEXT_PATTERN,
} from './report-fields.ts';
import { RESOURCE_TYPES } from './types.ts';
import { RISK_SEVERITIES } from '../risk/types.ts';
import { MAX_STORED_URL_CHARS, networkHost, tryUrl } from './url.ts';

/** Longest page URL: a scan's final URL may keep its query (browsers handle about 2 KB everywhere). */
export const MAX_PAGE_URL_CHARS = 2048;
/** Longest MIME type kept from a HAR (HAR_MAX_TEXT_CHARS is the parser's own cut). */
const MAX_MIME_CHARS = 100;
/** Longest CIDR prefix text: an IPv6 address and "/128". */
const MAX_PREFIX_CHARS = 49;

const text = z
  .string()
  .max(MAX_REPORT_TEXT)
  .regex(SAFE_TEXT_PATTERN, 'Control, bidi or zero-width characters.');
const host = z
  .string()
  .min(1)
  .max(MAX_HOST_CHARS)
  .refine(isMapHost, 'Not a host name (lower-case ASCII letters, digits, "-", "_") or IP address.');
const code = z.string().regex(CODE_PATTERN);
const storedUrl = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isStoredUrl, 'Not an http(s) or ws(s) URL without credentials, in printable ASCII.');

const provider = z.object({
  name: text,
  // Optional: reports saved before operators existed derive it on read (operatorOfAttributionName, operator-names.ts).
  operator: text.optional(),
  role: z.enum(PROVIDER_ROLES),
  signal: z.enum(SIGNALS),
  service: text.optional(),
  evidence: text.optional(),
});

/** Risks of a host or resource (src/core/risk/types.ts): codes stay open, texts are bounded and clean. */
const risk = z.object({
  code,
  severity: z.enum(RISK_SEVERITIES),
  message: text,
  evidence: text,
  source: storedUrl(MAX_PAGE_URL_CHARS).optional(),
});
const risks = z.array(risk).max(MAX_REPORT_LIST).optional();

const resolvedHost = z.object({
  host,
  firstParty: z.boolean(),
  entity: z.object({ name: text, company: text, category: text, unrecognised: z.boolean() }),
  cnames: z.array(host).max(MAX_REPORT_LIST),
  addresses: z.array(z.string().refine(isIpAddress, 'Not an IP address.')).max(MAX_REPORT_LIST),
  providers: z.array(provider).max(MAX_REPORT_LIST),
  asn: z
    .object({
      number: z.number().int().min(0).max(MAX_ASN),
      name: text,
      prefix: z.string().max(MAX_PREFIX_CHARS).refine(isPrefix, 'Not a CIDR prefix.'),
    })
    .nullable(),
  nameServers: z.array(host).max(MAX_REPORT_LIST).optional(),
  zone: host.optional(),
  site: host.optional(),
  soa: z.object({ primary: host, contact: host }).optional(),
  risks,
  errors: z.array(z.object({ code, message: text, stage: code.optional() })).max(MAX_REPORT_LIST),
});

/** Who requested a resource: its URL stored like every URL, and that URL's host (both or neither). */
const initiator = z
  .object({
    type: z.enum(INITIATOR_TYPES),
    url: storedUrl(MAX_STORED_URL_CHARS).optional(),
    host: host.optional(),
  })
  .refine((i) => (i.url === undefined ? i.host === undefined : hostOfUrl(i.url) === i.host), {
    message: "The initiator's host is not its URL's host.",
    path: ['host'],
  });

const resource = z
  .object({
    url: storedUrl(MAX_STORED_URL_CHARS),
    host,
    type: z.enum(RESOURCE_TYPES),
    renderBlocking: z.boolean(),
    blockingEvidence: z.enum(['browser', 'scan', 'heuristic']),
    mimeType: z.string().max(MAX_MIME_CHARS).regex(MIME_TYPE_PATTERN).optional(),
    // Reports saved before `initiator` existed name the loader's host here.
    initiatorHost: host.optional(),
    inferred: z.boolean().optional(),
    initiator: initiator.optional(),
    requested: z.boolean().optional(),
    status: z.number().int().min(MIN_HTTP_STATUS).max(MAX_HTTP_STATUS).optional(),
    failure: z.string().regex(FAILURE_PATTERN).optional(),
    integrity: z.string().max(MAX_REPORT_INTEGRITY).regex(SAFE_TEXT_PATTERN).nullable().optional(),
    risks,
  })
  .refine((r) => hostOfUrl(r.url) === r.host, {
    message: "The URL's host is not the resource's host.",
    path: ['host'],
  });

/**
 * A refused request: a stored network URL, or only the scheme of one that names no host ("file:"). The
 * scheme form never holds anything after the colon, so it cannot be made into a script link.
 */
const blockedTarget = z
  .string()
  .max(MAX_STORED_URL_CHARS)
  .refine((t) => isBareScheme(t) || isStoredUrl(t), 'Not a stored URL or a bare scheme.');

/** Counts a HAR import reports: never more than the entries read. */
const count = z.number().int().min(0).max(HAR_MAX_ENTRIES);

export const reportSchema = z
  .object({
    version: z.literal(1),
    method: z.enum(['scan', 'har']),
    page: storedUrl(MAX_PAGE_URL_CHARS).nullable(),
    createdAt: z.iso.datetime(),
    source: z.object({
      tool: text.optional(),
      entries: count.optional(),
      pages: count.optional(),
      skipped: count.optional(),
      truncated: z.boolean().optional(),
      scanMethod: z.enum(SCAN_METHODS).optional(),
      fallback: z.object({ code, message: text }).optional(),
      blocked: z
        .array(z.object({ url: blockedTarget, reason: text }))
        .max(MAX_REPORT_BLOCKED)
        .optional(),
      html: z.boolean().optional(),
    }),
    resources: z.array(resource).max(MAX_REPORT_RESOURCES),
    hosts: z.array(resolvedHost).max(MAX_REPORT_HOSTS),
    ownership: z
      .array(z.object({ site: host, decision: z.enum(['yours', 'not-yours']) }))
      .max(MAX_REPORT_HOSTS)
      .optional(),
  })
  .superRefine((report, ctx) => {
    // The views index hosts by name: a second entry for a name would be drawn but never counted.
    const seen = new Set<string>();
    report.hosts.forEach((h, index) => {
      if (seen.has(h.host))
        ctx.addIssue({ code: 'custom', message: 'Listed twice.', path: ['hosts', index] });
      seen.add(h.host);
    });
  });

function hostOfUrl(text: string): string | null {
  const url = tryUrl(text);
  return url ? networkHost(url) : null;
}

export type ReportInput = z.input<typeof reportSchema>;
export type ReportOutput = z.output<typeof reportSchema>;

/** What GET /api/reports/:id returns (and POST stores). */
export interface SavedReport {
  id: string;
  savedAt: string;
  expiresAt: string;
  report: ReportOutput;
}
