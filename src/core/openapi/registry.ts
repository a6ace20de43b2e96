import * as z from 'zod';

/**
 * A composable OpenAPI 3.1 document: each API describes its operations as `PathEntry`s with zod schemas,
 * adds them to API_PATH_ENTRIES (src/core/openapi/paths.ts), and buildOpenApiDocument turns them into
 * JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses) with `z.toJSONSchema`.
 */

export interface QueryParameterEntry {
  name: string;
  required: boolean;
  description: string;
  schema: z.ZodType;
}

export interface ResponseEntry {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface PathEntry {
  path: string;
  method: 'get' | 'post';
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  query?: QueryParameterEntry[];
  requestBody?: { description: string; schema: z.ZodType };
  responses: Record<string, ResponseEntry>;
}

/** The one error envelope of every API (src/core/http/api-error.ts). */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code.' }),
      message: z.string().meta({ description: 'For people; may change.' }),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'One entry per offending input field.' }),
    }),
  })
  .meta({ description: 'The error envelope of every API.' });

/** JSON Schema of a zod schema, without the per-schema `$schema` key (the document declares the dialect). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function content(schema: z.ZodType) {
  return { 'application/json': { schema: jsonSchema(schema) } };
}

export function buildOpenApiDocument(
  entries: readonly PathEntry[],
  info: { title: string; version: string; description: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) {
    const operation: Record<string, unknown> = {
      operationId: entry.operationId,
      summary: entry.summary,
      ...(entry.description ? { description: entry.description } : {}),
      ...(entry.tags ? { tags: entry.tags } : {}),
      ...(entry.query
        ? {
            parameters: entry.query.map((p) => ({
              name: p.name,
              in: 'query',
              required: p.required,
              description: p.description,
              schema: jsonSchema(p.schema),
            })),
          }
        : {}),
      ...(entry.requestBody
        ? {
            requestBody: {
              required: true,
              description: entry.requestBody.description,
              content: content(entry.requestBody.schema),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(entry.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(response.headers).map(([name, h]) => [
                      name,
                      { description: h.description, schema: jsonSchema(h.schema) },
                    ]),
                  ),
                }
              : {}),
            ...(response.schema ? { content: content(response.schema) } : {}),
          },
        ]),
      ),
    };
    const methods = paths[entry.path] ?? {};
    if (methods[entry.method]) throw new Error(`Duplicate OpenAPI operation ${entry.method} ${entry.path}`);
    methods[entry.method] = operation;
    paths[entry.path] = methods;
  }
  return { openapi: '3.1.0', info, paths };
}
