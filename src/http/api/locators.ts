import type { NewLocator } from '../../catalog/locator.js';
import { params, type ApiRoute } from './api-route.js';
import { presentLocator } from './present-locator.js';
import { listOf, Locator, LocatorCreate } from './schemas.js';

export const locatorRoutes: ApiRoute[] = [
  {
    method: 'POST',
    url: '/locators',
    operationId: 'createLocator',
    summary: 'Publish an asset: a locator gives it playback URLs for a time window',
    body: LocatorCreate,
    success: { status: 201, schema: Locator },
    problems: [404, 409],
    handler(ctx, request, reply) {
      const locator = ctx.catalog.createLocator(request.body as NewLocator);
      reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/+$/, '')}/${locator.id}`);
      return presentLocator(locator, ctx.catalog, ctx.playbackBaseUrl);
    },
  },
  {
    method: 'GET',
    url: '/locators',
    operationId: 'listLocators',
    summary: 'List locators',
    success: { status: 200, schema: listOf(Locator) },
    handler: (ctx) => ({ value: ctx.catalog.listLocators().map((l) => presentLocator(l, ctx.catalog, ctx.playbackBaseUrl)) }),
  },
  {
    method: 'GET',
    url: '/locators/:id',
    operationId: 'getLocator',
    summary: 'Get a locator and its playback URLs',
    success: { status: 200, schema: Locator },
    problems: [404],
    handler: (ctx, request) => presentLocator(ctx.catalog.requireLocator(params(request).id), ctx.catalog, ctx.playbackBaseUrl),
  },
  {
    method: 'DELETE',
    url: '/locators/:id',
    operationId: 'deleteLocator',
    summary: 'Delete a locator; its URLs stop serving',
    success: { status: 204 },
    problems: [404],
    handler(ctx, request, reply) {
      ctx.catalog.deleteLocator(params(request).id);
      return reply.code(204).send();
    },
  },
];
