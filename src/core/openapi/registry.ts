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
  /** OpenAPI path template, e.g. `/api/reports/{id}`; each one is a route file under functions/ (swept by a test). */
  path: string;
  method: 'get' | 'post';
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  query?: QueryParameterEntry[];
  pathParameters?: QueryParameterEntry[];
  requestBody?: { description: string; schema: z.ZodType };
  responses: Record<string, ResponseEntry>;
}

/**
 * JSON Schema of a zod schema, without the per-schema `$schema` key (the document declares the dialect).
 * Requests are described by what a client may send (`io: 'input'`, before defaults and transforms),
 * responses by what the server produces (`io: 'output'`).
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function content(schema: z.ZodType, io: 'input' | 'output') {
  return { 'application/json': { schema: jsonSchema(schema, io) } };
}

function parameter(p: QueryParameterEntry, location: 'path' | 'query') {
  return {
    name: p.name,
    in: location,
    // OpenAPI 3.1 §4.8.12.1: path parameters are always required.
    required: location === 'path' || p.required,
    description: p.description,
    schema: jsonSchema(p.schema, 'input'),
  };
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
      ...(entry.query || entry.pathParameters
        ? {
            parameters: [
              ...(entry.pathParameters ?? []).map((p) => parameter(p, 'path')),
              ...(entry.query ?? []).map((p) => parameter(p, 'query')),
            ],
          }
        : {}),
      ...(entry.requestBody
        ? {
            requestBody: {
              required: true,
              description: entry.requestBody.description,
              content: content(entry.requestBody.schema, 'input'),
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
            ...(response.schema ? { content: content(response.schema, 'output') } : {}),
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
