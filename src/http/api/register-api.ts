import type { FastifyInstance } from 'fastify';
import { ControlPlane } from '../../catalog/control-plane.js';
import { TributaryError } from '../../util/errors.js';
import { problemErrorHandler, problemNotFoundHandler } from '../problem.js';
import type { ApiContext, ApiOptions } from './api-context.js';
import type { ApiRoute } from './api-route.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { healthRoutes } from './health-routes.js';
import { assetFilterRoutes } from './asset-filters.js';
import { assetRoutes } from './assets.js';
import { channelRoutes } from './channels.js';
import { checkApiKey } from './check-api-key.js';
import { apiRateLimit } from './rate-limit.js';
import { descriptionRoutes } from './description-routes.js';
import type { JsonSchema } from './json-schema.js';
import { locatorRoutes } from './locators.js';
import { programRoutes } from './programs.js';
import { streamingEndpointRoutes } from './streaming-endpoints.js';
import { validateJson } from './validate-json.js';

export const API_PREFIX = '/api/v1';

const RESOURCE_ROUTES: readonly ApiRoute[] = [...healthRoutes, ...apiKeyRoutes, ...channelRoutes, ...programRoutes, ...assetRoutes, ...assetFilterRoutes, ...locatorRoutes, ...streamingEndpointRoutes];

/** Every route registerApi mounts, the API description's own routes included. */
export function apiRoutes(): ApiRoute[] {
  return [...RESOURCE_ROUTES, ...descriptionRoutes(RESOURCE_ROUTES, API_PREFIX)];
}

function compileValidator({ schema }: { schema: unknown }) {
  return (data: unknown) => {
    const invalidParams = validateJson(schema as JsonSchema, data);
    if (invalidParams.length === 0) return { value: data };
    const [first] = invalidParams;
    return { error: new TributaryError('ERR_VALIDATION', `${first.name} ${first.reason}`, { field: first.name, invalidParams }) };
  };
}

/**
 * Mounts the management API under /api/v1 in its own encapsulated scope: API key check,
 * body validation that refuses unknown fields, problem+json errors. Await it before listen().
 */
export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const ctx: ApiContext = {
    catalog: options.catalog,
    runtime: options.runtime,
    control: new ControlPlane({ catalog: options.catalog, runtime: options.runtime, endpoints: options.endpointRuntime, logger: options.logger }),
    ingestUrls: options.ingestUrls,
    reservedPorts: () => options.reservedPorts?.() ?? new Map(),
    apiKey: options.apiKey,
    connections: options.connections,
    // Read on each use: the server knows its HTTP port only after listen() (port 0).
    get playbackBaseUrl() {
      return options.playbackBaseUrl;
    },
  };
  const keyCheck = checkApiKey(() => options.apiKey.current());
  const limit = options.rateLimit && apiRateLimit(options.rateLimit.perSecond, options.rateLimit.burst);
  // The rate applies before the key is checked: a client guessing keys is throttled too.
  const guard = limit ? [limit, keyCheck] : [keyCheck];
  await app.register(
    async (api) => {
      api.setValidatorCompiler(compileValidator);
      api.setErrorHandler(problemErrorHandler);
      api.setNotFoundHandler({ preHandler: guard }, problemNotFoundHandler);
      for (const route of apiRoutes()) {
        api.route({
          method: route.method,
          url: route.url,
          ...(route.body ? { schema: { body: route.body } } : {}),
          ...(route.public ? (limit ? { onRequest: [limit] } : {}) : { onRequest: guard }),
          handler: async (request, reply) => route.handler(ctx, request, reply),
        });
      }
    },
    { prefix: API_PREFIX },
  );
}
