/// <reference types="vite/client" />
/**
 * GET /api/openapi.json, and the document against the real routes:
 * - the sweep: every route file under functions/api/ is documented with exactly the methods it accepts,
 *   and every documented path is a route file, so the document cannot rot as routes come and go;
 * - the contract: real requests, good and bad, through the /api middleware to each route; every status
 *   and error code they produce is documented for that operation, and 2xx bodies match the schemas.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiMiddleware, onRequest as middleware } from '../../functions/api/_middleware.ts';
import * as openapiRoute from '../../functions/api/openapi.json.ts';
import { MAX_HOSTS_PER_REQUEST, MAX_RESOLVE_BODY_BYTES } from '../../src/core/dns/limits.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { RATE_LIMITS, limitNameFor } from '../../src/core/http/rate-limit.ts';
import { MAX_REPORT_BYTES } from '../../src/core/map/report-limits.ts';
import { resolveResponseSchema, scanResponseSchema } from '../../src/core/openapi/deps.ts';
import { savedReportCreatedSchema, savedReportSchema } from '../../src/core/openapi/reports.ts';
import { MEASURE_FAILURES } from '../../src/core/measure/failures.ts';
import { measureResponseSchema } from '../../src/core/openapi/measure.ts';
import { ttiResponseSchema } from '../../src/core/openapi/tti.ts';
import { MAX_INPUT_URL_LENGTH, MAX_REQUEST_BODY_BYTES } from '../../src/core/scan/limits.ts';
import { SCAN_REFUSALS } from '../../src/core/scan/refusals.ts';
import { TTI_QUERY_FIELDS } from '../../src/core/tti/query.ts';
import { callFunction, handlerFor, methodHandlerName } from './call.ts';

type Handler = PagesFunction<Env>;
type RouteModule = Partial<Record<string, Handler>>;

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  responses: Record<
    string,
    {
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
  >;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Files that are not routes of their own: the middleware, and the document itself. */
const NOT_DOCUMENTED = new Set(['/api/_middleware', '/api/openapi.json']);
/** Methods a route may accept; HEAD rides on GET and OPTIONS is the middleware's. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** Every file under functions/api/, keyed by its route path (`reports/[id].ts` → `/api/reports/{id}`). */
const routeModules = import.meta.glob<RouteModule>('../../functions/api/**/*.ts', { eager: true });
const routes = new Map(
  Object.entries(routeModules).map(([file, module]) => [
    file
      .replace(/^\.\.\/\.\.\/functions/, '')
      .replace(/\.ts$/, '')
      .replace(/\/index$/, '')
      .replace(/\[(\w+)\]/g, '{$1}'),
    module,
  ]),
);
const routePaths = [...routes.keys()].filter((path) => !NOT_DOCUMENTED.has(path)).sort();

/** A concrete URL path for a template: `{id}` becomes a well-formed report id. */
const samplePath = (template: string) => template.replace(/\{\w+\}/g, 'AAAAAAAAAAAAAAAAAAAAAA');

/**
 * The methods a route file accepts, as Pages dispatches them: its `onRequest<Method>` exports, plus every
 * method its catch-all `onRequest` does not answer with 405.
 */
async function acceptedMethods(path: string, module: RouteModule): Promise<string[]> {
  const accepted: string[] = [];
  for (const method of METHODS) {
    if (module[methodHandlerName(method)]) {
      accepted.push(method.toLowerCase());
      continue;
    }
    const fallback = module.onRequest;
    if (!fallback) continue;
    const request = new Request(`https://tools.test${samplePath(path)}`, { method });
    const status = await callFunction(fallback, request).then(
      (response) => response.status,
      (error: unknown) => (error instanceof ApiError ? error.status : 500),
    );
    if (status !== 405) accepted.push(method.toLowerCase());
  }
  return accepted;
}

/** A request for the document itself, through the /api middleware. */
function requestDocument(method = 'GET'): Promise<Response> {
  const request = new Request('https://tools.test/api/openapi.json', { method });
  return callFunction(middleware, request, {
    next: () => callFunction(handlerFor<Handler>(openapiRoute, method)!, request),
  });
}

async function fetchDocument(): Promise<OpenApiDocument> {
  const response = await requestDocument();
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

/** Documented error codes of one response (the enum on `error.code`). */
function documentedCodes(operation: Operation, status: string): string[] {
  const schema = operation.responses[status]?.content?.['application/json']?.schema as
    { properties: { error: { properties: { code: { enum?: string[] } } } } } | undefined;
  return schema?.properties.error.properties.code.enum ?? [];
}

/** The route file and path parameters Pages would pick for a concrete path. */
function match(path: string): { template: string; module: RouteModule; params: Record<string, string> } {
  for (const [template, module] of routes) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`,
    );
    const found = pattern.exec(path);
    if (found)
      return { template, module, params: Object.fromEntries(names.map((n, i) => [n, found[i + 1]!])) };
  }
  throw new Error(`no route file for ${path}`);
}

/** One clock step per call, so the default rate limits never throttle the contract table. */
let clock = 0;
const unthrottled = createApiMiddleware({ now: () => (clock += 60_000) });

/** A request through the /api middleware to the route file Pages would choose, with its fallthrough to the site. */
async function send(method: Method, path: string, init: RequestInit = {}, via: Handler = unthrottled) {
  const { template, module, params } = match(path.split('?')[0]!);
  const make = () => new Request(`https://tools.test${path}`, { method, ...init });
  const handler = handlerFor(module, method);
  const response = await callFunction(via, make(), {
    next: () => (handler ? callFunction(handler, make(), { params }) : env.ASSETS.fetch(make())),
  });
  return { template, response };
}

const jsonBody = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
/** A body of a media type the JSON routes refuse. */
const textBody = (body: string): RequestInit => ({ headers: { 'content-type': 'text/plain' }, body });

const site = () => (env.SCAN_ALLOWED_ORIGINS ?? '').split(',')[0]!;
/** A fixture page for /api/measure, encoded, with a query no other test uses (its own cache entry). */
const measured = (path: string) =>
  encodeURIComponent(`${site()}${path}${path.includes('?') ? '&' : '?'}contract=${Date.now()}`);

const report = {
  version: 1,
  method: 'har',
  page: 'https://www.fixture-shop.com/',
  createdAt: '2026-11-26T12:00:00.000Z',
  source: { tool: 'contract test', entries: 2 },
  resources: [
    {
      url: 'https://assets.fixture-shop.com/app.js',
      host: 'assets.fixture-shop.com',
      type: 'script',
      renderBlocking: true,
      blockingEvidence: 'browser',
    },
  ],
  hosts: [],
};

describe('GET /api/openapi.json (workerd)', () => {
  it('serves an OpenAPI 3.1 document describing GET /api/tti', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    const operation = document.paths['/api/tti']!.get!;
    expect(operation.parameters!.map((p) => p.name)).toEqual([...TTI_QUERY_FIELDS]);
    expect(operation.parameters!.filter((p) => p.required).map((p) => p.name)).toEqual(['current', 'target']);
    expect(operation.parameters![0]!.schema).toMatchObject({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 60,
    });
    expect(Object.keys(operation.responses)).toEqual(['200', '304', '400', '405']);
    const ok = operation.responses['200']!.content!['application/json']!.schema as { required: string[] };
    expect(ok.required).toEqual(
      expect.arrayContaining(['conversion', 'bounce', 'revenue', 'model', 'flags', 'input']),
    );
    expect(documentedCodes(operation, '400')).toEqual(['invalid_query', 'query_too_long']);
    expect(JSON.stringify(document)).not.toMatch(/"\$schema"/);
  });

  it('serves the headers of a cacheable JSON document', async () => {
    const response = await requestDocument();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('rejects other methods with 405 method_not_allowed', async () => {
    const response = await requestDocument('POST');
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('describes resolve, scan and reports with their limits', async () => {
    const { paths } = await fetchDocument();
    const resolve = paths['/api/resolve']!.post! as Operation & {
      requestBody: { content: Record<string, { schema: { properties: { hosts: { maxItems: number } } } }> };
    };
    expect(resolve.requestBody.content['application/json']!.schema.properties.hosts.maxItems).toBe(
      MAX_HOSTS_PER_REQUEST,
    );
    expect(documentedCodes(resolve, '413')).toEqual(['body_too_large', 'too_many_hosts']);
    const get = paths['/api/reports/{id}']!.get!;
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    // Every scan refusal is documented under its own status.
    const scan = paths['/api/scan']!.post! as Operation & {
      requestBody: { content: Record<string, { schema: { properties: { url: { maxLength: number } } } }> };
    };
    expect(scan.requestBody.content['application/json']!.schema.properties.url.maxLength).toBe(
      MAX_INPUT_URL_LENGTH,
    );
    // The same 405 (with Allow) and 415 as the other body-carrying routes.
    for (const operation of [resolve, paths['/api/reports']!.post!, scan]) {
      expect(documentedCodes(operation, '405'), operation.operationId).toEqual(['method_not_allowed']);
      expect(operation.responses['405']!.headers, operation.operationId).toHaveProperty('allow');
      expect(documentedCodes(operation, '415'), operation.operationId).toEqual(['unsupported_media_type']);
    }
    for (const [code, status] of Object.entries(SCAN_REFUSALS)) {
      expect(documentedCodes(scan, String(status)), code).toContain(code);
    }
  });
});

describe('GET /api/measure in the document', () => {
  it('documents its query, every failure code under its status, and the quota’s Retry-After', async () => {
    const { paths } = await fetchDocument();
    const operation = paths['/api/measure']!.get!;
    expect(operation.parameters!.map((p) => [p.name, p.required])).toEqual([
      ['url', true],
      ['strategy', false],
    ]);
    expect(operation.parameters![1]!.schema).toMatchObject({ enum: ['mobile', 'desktop'] });
    expect(documentedCodes(operation, '400')).toEqual(['invalid_query', 'invalid_url']);
    for (const [code, status] of Object.entries(MEASURE_FAILURES)) {
      expect(documentedCodes(operation, String(status)), code).toContain(code);
    }
    expect(documentedCodes(operation, '424')).toContain('dns_failed');
    expect(operation.responses['424']!.headers).toHaveProperty('retry-after');
    expect(documentedCodes(operation, '429')).toEqual(['rate_limited']);
  });
});

describe('the document against functions/api/ (sweep)', () => {
  it('has found the route files', () => {
    expect(routePaths).toEqual(
      expect.arrayContaining(['/api/reports', '/api/reports/{id}', '/api/resolve', '/api/scan', '/api/tti']),
    );
  });

  it('documents every route file with exactly the methods it accepts, and nothing else', async () => {
    const { paths } = await fetchDocument();
    expect(Object.keys(paths).sort()).toEqual(routePaths);
    for (const path of routePaths) {
      const accepted = await acceptedMethods(path, routes.get(path)!);
      expect(Object.keys(paths[path]!).sort(), path).toEqual(accepted.sort());
    }
  });

  it('documents 405 exactly where a catch-all handler answers it, and 429 exactly where the middleware limits', async () => {
    const { paths } = await fetchDocument();
    for (const [path, operations] of Object.entries(paths)) {
      const module = routes.get(path)!;
      const rejects = (await acceptedMethods(path, module)).length < METHODS.length && !!module.onRequest;
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        expect('405' in operation.responses, where).toBe(rejects);
        const limited = limitNameFor(method, samplePath(path)) !== null;
        expect('429' in operation.responses, where).toBe(limited);
        if (limited) {
          expect(documentedCodes(operation, '429'), where).toEqual(['rate_limited']);
          expect(operation.responses['429']!.headers, where).toHaveProperty('retry-after');
        }
      }
    }
  });

  it('names every operation uniquely and gives every error status its codes', async () => {
    const { paths } = await fetchDocument();
    const operations = Object.values(paths).flatMap((ops) => Object.values(ops));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      for (const status of Object.keys(operation.responses).filter((s) => Number(s) >= 400)) {
        expect(
          documentedCodes(operation, status).length,
          `${operation.operationId} ${status}`,
        ).toBeGreaterThan(0);
      }
    }
  });
});

describe('the document against real responses (contract)', () => {
  const manyHosts = Array.from({ length: MAX_HOSTS_PER_REQUEST + 1 }, (_, i) => `h${i}.example`);
  const table: Array<[label: string, expected: string, method: Method, path: string, init?: RequestInit]> = [
    ['tti: estimate', '200', 'GET', '/api/tti?current=8&target=5'],
    ['tti: missing target', '400 invalid_query', 'GET', '/api/tti?current=8'],
    ['tti: query too long', '400 query_too_long', 'GET', `/api/tti?current=8&target=5&x=${'a'.repeat(3000)}`],
    ['tti: POST', '405 method_not_allowed', 'POST', '/api/tti?current=8&target=5'],
    ['measure: fixture shop', '200', 'GET', `/api/measure?url=${measured('/sites/shop.html')}`],
    ['measure: no url', '400 invalid_query', 'GET', '/api/measure'],
    ['measure: private address', '422 private_address', 'GET', '/api/measure?url=http%3A%2F%2F10.0.0.1%2F'],
    ['measure: NXDOMAIN', '424 dns_failed', 'GET', '/api/measure?url=https%3A%2F%2Fnope.fixture.test%2F'],
    ['measure: PSI quota', '424 psi_quota', 'GET', `/api/measure?url=${measured('/?psi-case=quota')}`],
    [
      'measure: Lighthouse error',
      '424 page_unreachable',
      'GET',
      `/api/measure?url=${measured('/status/500')}`,
    ],
    ['measure: POST', '405 method_not_allowed', 'POST', '/api/measure?url=example.com'],
    [
      'resolve: fixture hosts',
      '200',
      'POST',
      '/api/resolve',
      jsonBody({
        hosts: ['assets.fixture-shop.com', 'www.apple.com', 'nope.fault.test'],
        page: 'https://www.fixture-shop.com/',
      }),
    ],
    ['resolve: not JSON', '400 invalid_json', 'POST', '/api/resolve', jsonBody('{"hosts":')],
    [
      'resolve: wrong shape',
      '400 invalid_body',
      'POST',
      '/api/resolve',
      jsonBody({ hosts: 'www.apple.com' }),
    ],
    ['resolve: too many hosts', '413 too_many_hosts', 'POST', '/api/resolve', jsonBody({ hosts: manyHosts })],
    [
      'resolve: body too large',
      '413 body_too_large',
      'POST',
      '/api/resolve',
      jsonBody({ hosts: ['a.example'], pad: 'x'.repeat(MAX_RESOLVE_BODY_BYTES) }),
    ],
    ['resolve: text/plain', '415 unsupported_media_type', 'POST', '/api/resolve', textBody('{}')],
    ['resolve: GET', '405 method_not_allowed', 'GET', '/api/resolve'],
    ['scan: fixture site', '200', 'POST', '/api/scan', jsonBody({ url: `${site()}/` })],
    ['scan: no url', '400 invalid_request', 'POST', '/api/scan', jsonBody({})],
    ['scan: empty url', '400 invalid_url', 'POST', '/api/scan', jsonBody({ url: ' ' })],
    ['scan: ftp', '422 unsupported_scheme', 'POST', '/api/scan', jsonBody({ url: 'ftp://example.com/' })],
    [
      'scan: private address',
      '422 private_address',
      'POST',
      '/api/scan',
      jsonBody({ url: 'http://10.0.0.1/' }),
    ],
    [
      'scan: NXDOMAIN',
      '424 dns_failed',
      'POST',
      '/api/scan',
      jsonBody({ url: 'https://nope.fixture.test/' }),
    ],
    [
      'scan: body too large',
      '413 payload_too_large',
      'POST',
      '/api/scan',
      jsonBody({ url: 'x'.repeat(MAX_REQUEST_BODY_BYTES) }),
    ],
    [
      'scan: text/plain',
      '415 unsupported_media_type',
      'POST',
      '/api/scan',
      textBody('{"url":"example.com"}'),
    ],
    ['scan: GET', '405 method_not_allowed', 'GET', '/api/scan'],
    ['reports: save', '201', 'POST', '/api/reports', jsonBody(report)],
    ['reports: not JSON', '400 invalid_json', 'POST', '/api/reports', jsonBody('not json')],
    [
      'reports: not a report',
      '400 invalid_report',
      'POST',
      '/api/reports',
      jsonBody({ ...report, version: 2 }),
    ],
    [
      'reports: too large',
      '413 report_too_large',
      'POST',
      '/api/reports',
      jsonBody({ ...report, pad: 'x'.repeat(MAX_REPORT_BYTES) }),
    ],
    ['reports: text/plain', '415 unsupported_media_type', 'POST', '/api/reports', textBody('{}')],
    ['reports: GET the collection', '405 method_not_allowed', 'GET', '/api/reports'],
    ['report: unknown id', '404 report_not_found', 'GET', '/api/reports/AAAAAAAAAAAAAAAAAAAAAA'],
    ['report: malformed id', '400 invalid_report_id', 'GET', '/api/reports/not-an-id'],
    ['report: DELETE', '405 method_not_allowed', 'DELETE', '/api/reports/AAAAAAAAAAAAAAAAAAAAAA'],
  ];

  /** 2xx body schemas by operation. */
  const bodies: Record<string, { parse(value: unknown): unknown }> = {
    estimateTtiLift: ttiResponseSchema,
    measurePage: measureResponseSchema,
    resolveHosts: resolveResponseSchema,
    scanPage: scanResponseSchema,
    saveReport: savedReportCreatedSchema,
    getReport: savedReportSchema,
  };

  it.each(table)(
    '%s → %s, documented; a 2xx body matches its schema',
    async (_label, expected, method, path, init) => {
      const { paths } = await fetchDocument();
      const { template, response } = await send(method, path, init);
      const operation = paths[template]?.[method.toLowerCase()];
      const body = (await response.json()) as { error?: { code: string } };
      expect(`${response.status} ${body.error?.code ?? ''}`.trim()).toBe(expected);
      if (!operation) {
        // A method the route does not document may only be refused.
        expect(response.status).toBe(405);
        expect(body.error?.code).toBe('method_not_allowed');
        return;
      }
      expect(
        Object.keys(operation.responses),
        `${response.status} ${JSON.stringify(body).slice(0, 200)}`,
      ).toContain(String(response.status));
      if (response.status >= 400)
        expect(documentedCodes(operation, String(response.status))).toContain(body.error?.code);
      else expect(bodies[operation.operationId]!.parse(body)).toEqual(body);
    },
  );

  it('documents a saved report as GET returns it', async () => {
    const { paths } = await fetchDocument();
    const saved = await send('POST', '/api/reports', jsonBody(report));
    expect(saved.response.status).toBe(201);
    const { id } = savedReportCreatedSchema.parse(await saved.response.json());
    const { response } = await send('GET', `/api/reports/${id}`);
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(savedReportSchema.parse(body)).toEqual(body);
    expect(Object.keys(paths['/api/reports/{id}']!.get!.responses)).toContain('200');
  });

  it('answers a client over its limit with the documented 429 and Retry-After', async () => {
    const { paths } = await fetchDocument();
    const throttled = createApiMiddleware({ now: () => 0 });
    const plain = textBody('');
    for (let i = 0; i < RATE_LIMITS.reports.burst; i += 1)
      await send('POST', '/api/reports', plain, throttled);
    const { response } = await send('POST', '/api/reports', plain, throttled);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await response.json()) as { error: { code: string } };
    expect(documentedCodes(paths['/api/reports']!.post!, '429')).toContain(body.error.code);
  });
});
