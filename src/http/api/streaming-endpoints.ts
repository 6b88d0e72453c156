import type { NewStreamingEndpoint, StreamingEndpoint as Entity, StreamingEndpointPatch } from '../../catalog/streaming-endpoint.js';
import type { ApiContext } from './api-context.js';
import { params, type ApiRoute } from './api-route.js';
import { listOf, SignedUrls, SignedUrlsRequest, StreamingEndpoint, StreamingEndpointCreate, StreamingEndpointPatch as PatchSchema, StreamingEndpointScale } from './schemas.js';
import { presentLocator } from './present-locator.js';
import { SIGNED_PREFIX, signToken } from '../origin/url-signature.js';
import { TributaryError } from '../../util/errors.js';
import { invalid } from '../../catalog/names.js';

/**
 * The endpoint plus the base of its playback URLs: default's is the main HTTP URL; another's
 * is the same host on its own port (the public host is configured once, for the server).
 */
function present(endpoint: Entity, ctx: ApiContext) {
  const base = ctx.playbackBaseUrl.replace(/\/+$/, '');
  if (endpoint.port === undefined) return { ...endpoint, url: base };
  const url = new URL(base);
  url.port = String(endpoint.port);
  return { ...endpoint, url: url.origin };
}

const base = '/streaming-endpoints';

export const streamingEndpointRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: base,
    operationId: 'listStreamingEndpoints',
    summary: 'List streaming endpoints (default first)',
    success: { status: 200, schema: listOf(StreamingEndpoint) },
    handler: (ctx) => ({ value: ctx.catalog.listStreamingEndpoints().map((e) => present(e, ctx)) }),
  },
  {
    method: 'POST',
    url: base,
    operationId: 'createStreamingEndpoint',
    summary: 'Create a streaming endpoint (Stopped) that will serve playback on its own port',
    body: StreamingEndpointCreate,
    success: { status: 201, schema: StreamingEndpoint },
    problems: [409],
    handler(ctx, request, reply) {
      const endpoint = ctx.catalog.createStreamingEndpoint(request.body as NewStreamingEndpoint, ctx.reservedPorts());
      reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/+$/, '')}/${endpoint.name}`);
      return present(endpoint, ctx);
    },
  },
  {
    method: 'GET',
    url: `${base}/:name`,
    operationId: 'getStreamingEndpoint',
    summary: 'Get a streaming endpoint',
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404],
    handler: (ctx, request) => present(ctx.catalog.requireStreamingEndpoint(params(request).name), ctx),
  },
  {
    method: 'PATCH',
    url: `${base}/:name`,
    operationId: 'updateStreamingEndpoint',
    summary: 'Change description, ipAllow, cors, cross-site policies (at once), scaleUnits, or the port (while Stopped)',
    body: PatchSchema,
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404, 409],
    handler: (ctx, request) => present(ctx.catalog.updateStreamingEndpoint(params(request).name, request.body as StreamingEndpointPatch, ctx.reservedPorts()), ctx),
  },
  {
    method: 'DELETE',
    url: `${base}/:name`,
    operationId: 'deleteStreamingEndpoint',
    summary: 'Delete a Stopped streaming endpoint (never default)',
    success: { status: 204 },
    problems: [404, 409],
    handler(ctx, request, reply) {
      ctx.catalog.deleteStreamingEndpoint(params(request).name);
      return reply.code(204).send();
    },
  },
  {
    method: 'POST',
    url: `${base}/:name/start`,
    operationId: 'startStreamingEndpoint',
    summary: 'Open the endpoint\'s listener; answers once it is Running (409 ERR_PORT_IN_USE if the port is taken)',
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404, 409],
    handler: async (ctx, request) => present(await ctx.control.startStreamingEndpoint(params(request).name), ctx),
  },
  {
    method: 'POST',
    url: `${base}/:name/stop`,
    operationId: 'stopStreamingEndpoint',
    summary: 'Close the endpoint\'s listener; answers once the port is closed (never default)',
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404, 409],
    handler: async (ctx, request) => present(await ctx.control.stopStreamingEndpoint(params(request).name), ctx),
  },
  {
    method: 'POST',
    url: `${base}/:name/scale`,
    operationId: 'scaleStreamingEndpoint',
    summary: 'Set the scale units of a Running endpoint (Running → Scaling → Running)',
    body: StreamingEndpointScale,
    success: { status: 200, schema: StreamingEndpoint },
    problems: [404, 409],
    handler: async (ctx, request) => present(await ctx.control.scaleStreamingEndpoint(params(request).name, (request.body as { scaleUnits: number }).scaleUnits), ctx),
  },
  {
    method: 'POST',
    url: `${base}/:name/sign`,
    operationId: 'signPlaybackUrls',
    summary: "Sign a locator's playback URLs on this endpoint until an expiry time (the endpoint needs urlSigning keys)",
    body: SignedUrlsRequest,
    success: { status: 200, schema: SignedUrls },
    problems: [404, 409],
    handler(ctx, request) {
      const endpoint = ctx.catalog.requireStreamingEndpoint(params(request).name);
      const body = request.body as { locatorId: string; expiryTime: string; keyId?: string };
      const locator = ctx.catalog.requireLocator(body.locatorId);
      const keys = endpoint.urlSigning?.keys;
      if (!keys) throw new TributaryError('ERR_URL_SIGNING_OFF', `streaming endpoint "${endpoint.name}" has no urlSigning keys: PATCH it with {urlSigning: {keys: [{id, base64Key}]}}`);
      const key = body.keyId === undefined ? keys[0] : keys.find((k) => k.id === body.keyId);
      if (!key) throw invalid('keyId', `names no key of streaming endpoint "${endpoint.name}"`);
      const expiry = Date.parse(body.expiryTime);
      if (Number.isNaN(expiry) || expiry <= Date.now()) throw invalid('expiryTime', 'must be a time in the future');
      const seconds = Math.floor(expiry / 1000);
      const signedBase = `${present(endpoint, ctx).url}${SIGNED_PREFIX}${signToken(key, locator.id, seconds)}`;
      return { expiryTime: new Date(seconds * 1000).toISOString(), urls: presentLocator(locator, ctx.catalog, signedBase).urls };
    },
  },
];
