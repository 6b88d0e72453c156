import type { ApiRoute } from './api-route.js';
import type { JsonSchema } from './json-schema.js';

const RotatedKey: JsonSchema = {
  type: 'object',
  properties: { apiKey: { type: 'string', description: 'The new key; the one this request used is refused from now on' } },
  required: ['apiKey'],
};

export const apiKeyRoutes: ApiRoute[] = [
  {
    method: 'POST',
    url: '/api-key/rotate',
    operationId: 'rotateApiKey',
    summary: 'Replace the API key without a restart: the answer holds the new key, the old one stops working at once',
    success: { status: 200, schema: RotatedKey },
    problems: [409],
    handler(ctx, _request, reply) {
      // The answer is the only copy the caller gets (besides the key file): never cached.
      reply.header('cache-control', 'no-store');
      return { apiKey: ctx.apiKey.rotate() };
    },
  },
];
