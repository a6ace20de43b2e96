/** Properties of the OpenAPI document that need no running route (test/functions/openapi.test.ts has those). */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/core/openapi/document.ts';
import { API_PATH_ENTRIES } from '../../../src/core/openapi/paths.ts';
import { buildOpenApiDocument } from '../../../src/core/openapi/registry.ts';

type Schema = { type?: unknown; required?: string[]; properties: Record<string, Schema>; anyOf?: Schema[] };
type Operation = {
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: { 'application/json': { schema: Schema } } };
};
const document = openApiDocument() as { paths: Record<string, Record<string, Operation>> };

describe('openApiDocument', () => {
  it('declares a path parameter for every {name} in a path template, and no other', () => {
    for (const entry of API_PATH_ENTRIES) {
      const inTemplate = [...entry.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (document.paths[entry.path]![entry.method]!.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect(declared, entry.path).toEqual(inTemplate);
    }
  });

  it('describes request bodies as clients send them (zod input side, before transforms)', () => {
    const schema = document.paths['/api/resolve']!.post!.requestBody!.content['application/json'].schema;
    expect(schema.required).toEqual(['hosts']);
    // `page` may be absent, null or a URL: the transform to `null` is the server's business.
    expect(JSON.stringify(schema.properties.page)).toMatch(/"null"/);
  });

  it('refuses two operations on the same method and path', () => {
    const entry = API_PATH_ENTRIES[0]!;
    expect(() =>
      buildOpenApiDocument([entry, entry], { title: 't', version: '1', description: 'd' }),
    ).toThrow(/Duplicate OpenAPI operation/);
  });
});
