import { params, type ApiRoute } from './api-route.js';
import { Asset, listOf } from './schemas.js';

export const assetRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/assets',
    operationId: 'listAssets',
    summary: 'List assets',
    success: { status: 200, schema: listOf(Asset) },
    handler: (ctx) => ({ value: ctx.catalog.listAssets() }),
  },
  {
    method: 'GET',
    url: '/assets/:name',
    operationId: 'getAsset',
    summary: 'Get an asset',
    success: { status: 200, schema: Asset },
    problems: [404],
    handler: (ctx, request) => ctx.catalog.requireAsset(params(request).name),
  },
  {
    method: 'DELETE',
    url: '/assets/:name',
    operationId: 'deleteAsset',
    summary: 'Delete an asset with its locators and media; refused while a program records into it',
    success: { status: 204 },
    problems: [404, 409],
    async handler(ctx, request, reply) {
      await ctx.control.deleteAsset(params(request).name);
      return reply.code(204).send();
    },
  },
];
