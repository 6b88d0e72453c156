import type { ApiRoute } from './api-route.js';
import { buildOpenApi } from './openapi.js';
import { renderReference } from './render-reference.js';

/**
 * The public API description: the OpenAPI document and its HTML reference page, both describing
 * `resourceRoutes` plus themselves, so the document lists every route that is mounted.
 */
export function descriptionRoutes(resourceRoutes: readonly ApiRoute[], prefix: string): ApiRoute[] {
  const own: ApiRoute[] = [
    {
      method: 'GET',
      url: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI 3.1 document (no API key needed)',
      success: { status: 200, schema: { type: 'object', description: 'OpenAPI 3.1 document' } },
      public: true,
      handler: () => document,
    },
    {
      method: 'GET',
      url: '/reference',
      operationId: 'getApiReference',
      summary: 'This API reference as one HTML page (no API key needed)',
      success: { status: 200, schema: { type: 'string', description: 'HTML page' }, contentType: 'text/html' },
      public: true,
      // Rendered on each request from the document, so the page can never disagree with it.
      handler: (_ctx, _request, reply) => reply.type('text/html; charset=utf-8').send(renderReference(document)),
    },
  ];
  const document = buildOpenApi([...resourceRoutes, ...own], prefix);
  return own;
}
