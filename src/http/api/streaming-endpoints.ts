import { DEFAULT_STREAMING_ENDPOINT } from '../../catalog/streaming-endpoint.js';
import { notFound } from '../../catalog/names.js';
import { params, type ApiRoute } from './api-route.js';
import type { ApiContext } from './api-context.js';
import { listOf, StreamingEndpoint } from './schemas.js';

function present(ctx: ApiContext) {
  return { ...DEFAULT_STREAMING_ENDPOINT, url: ctx.playbackBaseUrl.replace(/\/+$/, '') };
}

/** Only the implicit `default` endpoint exists for now; more endpoints are a later change. */
export const streamingEndpointRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/streaming-endpoints',
    operationId: 'listStreamingEndpoints',
    summary: 'List streaming endpoints',
    success: { status: 200, schema: listOf(StreamingEndpoint) },
    handler: (ctx) => ({ value: [present(ctx)] }),
  },
  {
    method: 'GET',
    url: '/streaming-endpoints/:name',
    operationId: 'getStreamingEndpoint',
    summary: 'Get a streaming endpoint',
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404],
    handler(ctx, request) {
      const { name } = params(request);
      if (name !== DEFAULT_STREAMING_ENDPOINT.name) throw notFound('streaming endpoint', name);
      return present(ctx);
    },
  },
];
