import type { AssetFilterPatch as Patch, NewAssetFilter } from '../../catalog/asset-filter.js';
import { params, type ApiRoute } from './api-route.js';
import { AssetFilter, AssetFilterCreate, AssetFilterPatch, listOf } from './schemas.js';

/** An asset's named filters (AMS AssetFilters): playback URLs apply them with `filter=a;b`. */
export const assetFilterRoutes: ApiRoute[] = [
  {
    method: 'POST',
    url: '/assets/:name/filters',
    operationId: 'createAssetFilter',
    summary: "Create a filter of an asset: a time range, a live window or back-off, a choice of tracks",
    body: AssetFilterCreate,
    success: { status: 201, schema: AssetFilter },
    problems: [404, 409],
    handler(ctx, request, reply) {
      const filter = ctx.catalog.createAssetFilter(params(request).name, request.body as NewAssetFilter);
      reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/+$/, '')}/${filter.name}`);
      return filter;
    },
  },
  {
    method: 'GET',
    url: '/assets/:name/filters',
    operationId: 'listAssetFilters',
    summary: "List an asset's filters",
    success: { status: 200, schema: listOf(AssetFilter) },
    problems: [404],
    handler: (ctx, request) => ({ value: ctx.catalog.listAssetFilters(params(request).name) }),
  },
  {
    method: 'GET',
    url: '/assets/:name/filters/:filter',
    operationId: 'getAssetFilter',
    summary: 'Get a filter of an asset',
    success: { status: 200, schema: AssetFilter },
    problems: [404],
    handler: (ctx, request) => ctx.catalog.requireAssetFilter(params(request).name, params(request).filter),
  },
  {
    method: 'PATCH',
    url: '/assets/:name/filters/:filter',
    operationId: 'updateAssetFilter',
    summary: 'Change a filter; manifests requested after it apply the change',
    body: AssetFilterPatch,
    success: { status: 200, schema: AssetFilter },
    problems: [404],
    handler: (ctx, request) => ctx.catalog.updateAssetFilter(params(request).name, params(request).filter, request.body as Patch),
  },
  {
    method: 'DELETE',
    url: '/assets/:name/filters/:filter',
    operationId: 'deleteAssetFilter',
    summary: 'Delete a filter; refused while a locator applies it by default',
    success: { status: 204 },
    problems: [404, 409],
    handler(ctx, request, reply) {
      ctx.catalog.deleteAssetFilter(params(request).name, params(request).filter);
      return reply.code(204).send();
    },
  },
];
