import { buildOpenApiDocument } from './registry.ts';
import { API_PATH_ENTRIES } from './paths.ts';

/** Version of the API description (not of the TTI model, whose version is in every TTI response). */
export const API_DOCUMENT_VERSION = '1.0.0';

/** The OpenAPI 3.1 document served at GET /api/openapi.json. */
export function openApiDocument(): Record<string, unknown> {
  return buildOpenApiDocument(API_PATH_ENTRIES, {
    title: 'Edge speed tools API',
    version: API_DOCUMENT_VERSION,
    description:
      'JSON APIs behind the TTI lift calculator and the third-party dependency mapper. Errors use one envelope: { "error": { "code", "message", "issues"? } }; each operation lists its error statuses with their stable codes. Every route also answers OPTIONS preflights (CORS, any origin, no credentials); an unknown /api path answers 404 "not_found", and 500 "internal" would mean a bug of ours.',
  });
}
