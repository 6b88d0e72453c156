import type { ChannelPatch as Patch, NewChannel } from '../../catalog/channel.js';
import { params, type ApiRoute } from './api-route.js';
import { presentChannel } from './present-channel.js';
import { Channel, ChannelCreate, ChannelPatch, IngestStatus, listOf } from './schemas.js';

export const channelRoutes: ApiRoute[] = [
  {
    method: 'POST',
    url: '/channels',
    operationId: 'createChannel',
    summary: 'Create a channel (Stopped)',
    body: ChannelCreate,
    success: { status: 201, schema: Channel },
    problems: [409],
    handler(ctx, request, reply) {
      const channel = ctx.catalog.createChannel(request.body as NewChannel);
      reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/+$/, '')}/${channel.name}`);
      return presentChannel(channel, ctx);
    },
  },
  {
    method: 'GET',
    url: '/channels',
    operationId: 'listChannels',
    summary: 'List channels',
    success: { status: 200, schema: listOf(Channel) },
    handler: (ctx) => ({ value: ctx.catalog.listChannels().map((c) => presentChannel(c, ctx)) }),
  },
  {
    method: 'GET',
    url: '/channels/:name',
    operationId: 'getChannel',
    summary: 'Get a channel',
    success: { status: 200, schema: Channel },
    problems: [404],
    handler: (ctx, request) => presentChannel(ctx.catalog.requireChannel(params(request).name), ctx),
  },
  {
    method: 'PATCH',
    url: '/channels/:name',
    operationId: 'updateChannel',
    summary: 'Change description and ipAllow lists (any state), the access token or key frame interval (while Stopped); never the protocol',
    body: ChannelPatch,
    success: { status: 200, schema: Channel },
    problems: [404, 409],
    handler: (ctx, request) => presentChannel(ctx.catalog.updateChannel(params(request).name, request.body as Patch), ctx),
  },
  {
    method: 'DELETE',
    url: '/channels/:name',
    operationId: 'deleteChannel',
    summary: 'Delete a Stopped channel and its programs (their assets stay)',
    success: { status: 204 },
    problems: [404, 409],
    handler(ctx, request, reply) {
      ctx.catalog.deleteChannel(params(request).name);
      return reply.code(204).send();
    },
  },
  {
    method: 'POST',
    url: '/channels/:name/start',
    operationId: 'startChannel',
    summary: 'Start a Stopped channel; answers once it is Running',
    success: { status: 200, schema: Channel },
    problems: [404, 409],
    handler: async (ctx, request) => presentChannel(await ctx.control.startChannel(params(request).name), ctx),
  },
  {
    method: 'POST',
    url: '/channels/:name/stop',
    operationId: 'stopChannel',
    summary: 'Stop a Running channel whose programs are all stopped',
    success: { status: 200, schema: Channel },
    problems: [404, 409],
    handler: async (ctx, request) => presentChannel(await ctx.control.stopChannel(params(request).name), ctx),
  },
  {
    method: 'POST',
    url: '/channels/:name/reset',
    operationId: 'resetChannel',
    summary: 'Drop the encoders and live timeline of a Running channel, keeping assets',
    success: { status: 200, schema: Channel },
    problems: [404, 409],
    handler: async (ctx, request) => presentChannel(await ctx.control.resetChannel(params(request).name), ctx),
  },
  {
    method: 'GET',
    url: '/channels/:name/ingest',
    operationId: 'getChannelIngest',
    summary: 'Live ingest health',
    success: { status: 200, schema: IngestStatus },
    problems: [404],
    handler(ctx, request) {
      const channel = ctx.catalog.requireChannel(params(request).name);
      return ctx.runtime.ingestStatus(channel.name) ?? {};
    },
  },
];
