/** POST /api/reports and GET /api/reports/{id} in the OpenAPI document (functions/api/reports*.ts). */
import * as z from 'zod';
import { reportSchema } from '../map/report-schema.ts';
import { MAX_REPORT_BYTES, REPORT_ID_PATTERN, REPORT_TTL_SECONDS } from '../map/report-limits.ts';
import {
  errorResponse,
  methodNotAllowedResponse,
  rateLimitedResponse,
  unsupportedMediaTypeResponse,
} from './errors.ts';
import type { PathEntry } from './registry.ts';

const SECONDS_PER_DAY = 86_400;
const ttlDays = REPORT_TTL_SECONDS / SECONDS_PER_DAY;

const reportId = z
  .string()
  .regex(REPORT_ID_PATTERN)
  .meta({ description: '128 random bits as unpadded base64url (22 characters).' });

export const savedReportCreatedSchema = z.object({
  id: reportId,
  url: z.string().meta({ description: 'Permalink of the page that opens the report (/deps/?report=<id>).' }),
  expiresAt: z.iso.datetime(),
});

/** GET's body: the SavedReport interface of src/core/map/report-schema.ts. */
export const savedReportSchema = z.object({
  id: reportId,
  savedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  report: reportSchema,
});

export const createReportPathEntry: PathEntry = {
  path: '/api/reports',
  method: 'post',
  operationId: 'saveReport',
  summary: 'Save a dependency report and get a shareable permalink',
  description: `Stores the mapper's report for ${ttlDays} days under an unguessable id. Unknown keys are dropped; strings and lists are bounded.`,
  tags: ['deps'],
  requestBody: {
    description: `The report as JSON, at most ${MAX_REPORT_BYTES / 1024} KB.`,
    schema: reportSchema,
  },
  responses: {
    '201': {
      description: 'Saved.',
      schema: savedReportCreatedSchema,
      headers: { location: { description: 'The permalink (same as `url`).', schema: z.string() } },
    },
    '400': errorResponse(
      'Code "invalid_json" when the body does not parse, "invalid_report" (with up to 20 issues) when it is not a report.',
      ['invalid_json', 'invalid_report'],
    ),
    '405': methodNotAllowedResponse('POST'),
    '413': errorResponse(`Code "report_too_large": over ${MAX_REPORT_BYTES / 1024} KB.`, [
      'report_too_large',
    ]),
    '415': unsupportedMediaTypeResponse,
    '429': rateLimitedResponse('reports'),
  },
};

export const getReportPathEntry: PathEntry = {
  path: '/api/reports/{id}',
  method: 'get',
  operationId: 'getReport',
  summary: 'Read a saved dependency report',
  description:
    'Served as stored once it passes the report schema again; private, cacheable for 5 minutes, not indexed (X-Robots-Tag: noindex).',
  tags: ['deps'],
  pathParameters: [
    { name: 'id', required: true, description: 'The id POST /api/reports returned.', schema: reportId },
  ],
  responses: {
    '200': { description: 'The saved report.', schema: savedReportSchema },
    '400': errorResponse('Code "invalid_report_id": not a 22-character base64url id.', ['invalid_report_id']),
    '404': errorResponse(
      `Code "report_not_found": unknown id, expired (reports live ${ttlDays} days), or stored in a form the schema no longer accepts (then "issues" lists what it refuses).`,
      ['report_not_found'],
    ),
    '405': methodNotAllowedResponse('GET'),
  },
};
