import type { NewProgram } from '../../catalog/program.js';
import { params, type ApiRoute } from './api-route.js';
import { listOf, Program, ProgramCreate } from './schemas.js';

const base = '/channels/:channel/programs';

export const programRoutes: ApiRoute[] = [
  {
    method: 'POST',
    url: base,
    operationId: 'createProgram',
    summary: 'Create a program (Stopped) on a channel; at most 3 per channel',
    body: ProgramCreate,
    success: { status: 201, schema: Program },
    problems: [404, 409],
    handler(ctx, request, reply) {
      const program = ctx.catalog.createProgram(params(request).channel, request.body as NewProgram);
      reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/+$/, '')}/${program.name}`);
      return program;
    },
  },
  {
    method: 'GET',
    url: base,
    operationId: 'listPrograms',
    summary: "List a channel's programs",
    success: { status: 200, schema: listOf(Program) },
    problems: [404],
    handler: (ctx, request) => ({ value: ctx.catalog.listPrograms(params(request).channel) }),
  },
  {
    method: 'GET',
    url: `${base}/:name`,
    operationId: 'getProgram',
    summary: 'Get a program',
    success: { status: 200, schema: Program },
    problems: [404],
    handler: (ctx, request) => ctx.catalog.requireProgram(params(request).channel, params(request).name),
  },
  {
    method: 'DELETE',
    url: `${base}/:name`,
    operationId: 'deleteProgram',
    summary: 'Delete a Stopped program (its asset stays)',
    success: { status: 204 },
    problems: [404, 409],
    handler(ctx, request, reply) {
      ctx.catalog.deleteProgram(params(request).channel, params(request).name);
      return reply.code(204).send();
    },
  },
  {
    method: 'POST',
    url: `${base}/:name/start`,
    operationId: 'startProgram',
    summary: 'Start recording into the asset (created if missing, a Ready one is reused)',
    success: { status: 200, schema: Program },
    problems: [404, 409],
    handler: (ctx, request) => ctx.control.startProgram(params(request).channel, params(request).name),
  },
  {
    method: 'POST',
    url: `${base}/:name/stop`,
    operationId: 'stopProgram',
    summary: 'Stop recording; the asset becomes Ready (on demand)',
    success: { status: 200, schema: Program },
    problems: [404, 409],
    handler: (ctx, request) => ctx.control.stopProgram(params(request).channel, params(request).name),
  },
];
