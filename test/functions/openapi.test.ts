import { describe, expect, it } from 'vitest';
import { onRequest as middleware } from '../../functions/api/_middleware.ts';
import { onRequest as openapi } from '../../functions/api/openapi.json.ts';
import { TTI_QUERY_FIELDS } from '../../src/core/tti/query.ts';
import { callFunction } from './call.ts';

const call = (init: RequestInit = {}) => {
  const request = new Request('https://tools.test/api/openapi.json', init);
  return callFunction(middleware, request, { next: () => callFunction(openapi, request) });
};

interface Operation {
  parameters: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

describe('GET /api/openapi.json (workerd)', () => {
  it('serves an OpenAPI 3.1 document describing GET /api/tti', async () => {
    const response = await call();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, { get: Operation }>;
    };
    expect(document.openapi).toBe('3.1.0');
    const operation = document.paths['/api/tti']!.get;
    expect(operation.parameters.map((p) => p.name)).toEqual([...TTI_QUERY_FIELDS]);
    expect(operation.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['current', 'target']);
    expect(operation.parameters[0]!.schema).toMatchObject({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 60,
    });
    expect(Object.keys(operation.responses)).toEqual(['200', '304', '400', '405']);
    const ok = operation.responses['200']!.content!['application/json']!.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(ok.required).toEqual(
      expect.arrayContaining(['conversion', 'bounce', 'revenue', 'model', 'flags', 'input']),
    );
    const error = operation.responses['400']!.content!['application/json']!.schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(error.properties)).toEqual(['error']);
    expect(JSON.stringify(document)).not.toMatch(/"\$schema"/);
  });

  it('rejects other methods with 405 method_not_allowed', async () => {
    const response = await call({ method: 'POST' });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});
