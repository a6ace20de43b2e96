/**
 * The saved report's schema, checked at the edge (POST /api/reports) so a permalink can only ever hold
 * a well-formed map. Unknown keys are dropped; strings and lists are bounded.
 */
import { z } from 'zod';
import { PROVIDER_ROLES, SIGNALS } from '../deps/types.ts';
import { MAX_REPORT_HOSTS, MAX_REPORT_RESOURCES } from './report-limits.ts';
import { RESOURCE_TYPES } from './types.ts';
import { MAX_STORED_URL_CHARS } from './url.ts';

/** Bound on free-text fields (names, messages, evidence) in a report. */
const MAX_TEXT = 500;
/** A host name is at most 253 characters (RFC 1035 §2.3.4); IPv6 literals are shorter. */
const MAX_HOST = 253;
/** Addresses, CNAMEs and name servers listed per host. */
const MAX_LIST = 64;

const text = z.string().max(MAX_TEXT);
const host = z.string().min(1).max(MAX_HOST);

const provider = z.object({
  name: text,
  role: z.enum(PROVIDER_ROLES),
  signal: z.enum(SIGNALS),
  service: text.optional(),
  evidence: text.optional(),
});

const resolvedHost = z.object({
  host,
  firstParty: z.boolean(),
  entity: z.object({ name: text, company: text, category: text, unrecognised: z.boolean() }),
  cnames: z.array(host).max(MAX_LIST),
  addresses: z.array(z.string().max(64)).max(MAX_LIST),
  providers: z.array(provider).max(MAX_LIST),
  asn: z.object({ number: z.number().int().min(0), name: text, prefix: z.string().max(64) }).nullable(),
  nameServers: z.array(host).max(MAX_LIST).optional(),
  errors: z
    .array(z.object({ code: z.string().max(64), message: text, stage: z.string().max(32).optional() }))
    .max(MAX_LIST),
});

const resource = z.object({
  url: z.string().max(MAX_STORED_URL_CHARS),
  host,
  type: z.enum(RESOURCE_TYPES),
  renderBlocking: z.boolean(),
  blockingEvidence: z.enum(['browser', 'scan', 'heuristic']),
  mimeType: z.string().max(100).optional(),
  initiatorHost: host.optional(),
  inferred: z.boolean().optional(),
});

export const reportSchema = z.object({
  version: z.literal(1),
  method: z.enum(['scan', 'har']),
  page: z.string().max(2048).nullable(),
  createdAt: z.iso.datetime(),
  source: z.object({
    tool: text.optional(),
    entries: z.number().int().min(0).optional(),
    pages: z.number().int().min(0).optional(),
    skipped: z.number().int().min(0).optional(),
    truncated: z.boolean().optional(),
  }),
  resources: z.array(resource).max(MAX_REPORT_RESOURCES),
  hosts: z.array(resolvedHost).max(MAX_REPORT_HOSTS),
});

export type ReportInput = z.input<typeof reportSchema>;
export type ReportOutput = z.output<typeof reportSchema>;

/** What GET /api/reports/:id returns (and POST stores). */
export interface SavedReport {
  id: string;
  savedAt: string;
  expiresAt: string;
  report: ReportOutput;
}
