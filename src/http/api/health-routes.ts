import { readdirSync } from 'node:fs';
import type { ApiRoute } from './api-route.js';
import type { JsonSchema } from './json-schema.js';

const Health: JsonSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok'] },
    uptimeMs: { type: 'integer' },
    memory: { type: 'object', description: 'Bytes: rss, heapUsed, external, arrayBuffers' },
    connections: { type: 'object', description: 'Open connections per listener (rtmp, rtmpSecondary, http…)' },
    activeResources: { type: 'object', description: "Node's handles and requests keeping the process alive, by kind (Timeout, TCPSocketWrap…)" },
    openFileDescriptors: { type: 'integer', description: 'Linux only' },
  },
  required: ['status', 'uptimeMs', 'memory', 'connections', 'activeResources'],
};

/**
 * What an operator's monitoring (and the fault tests) watch for leaks: memory, open connections,
 * the timers and sockets the process holds, its file descriptors. `?gc=1` runs a full garbage
 * collection first when the process was started with --expose-gc (diagnostics only).
 */
export const healthRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/health',
    operationId: 'getHealth',
    summary: 'Process health: memory, connections, active timers and sockets, file descriptors',
    success: { status: 200, schema: Health },
    async handler(ctx, request, reply) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if ((request.query as Record<string, string>).gc === '1' && gc) gc();
      const m = process.memoryUsage();
      const activeResources: Record<string, number> = {};
      for (const kind of process.getActiveResourcesInfo()) activeResources[kind] = (activeResources[kind] ?? 0) + 1;
      reply.header('cache-control', 'no-store');
      return {
        status: 'ok',
        uptimeMs: Math.round(process.uptime() * 1000),
        memory: { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers },
        connections: (await ctx.connections?.()) ?? {},
        activeResources,
        ...openFileDescriptors(),
      };
    },
  },
];

function openFileDescriptors(): { openFileDescriptors?: number } {
  try {
    return { openFileDescriptors: readdirSync('/proc/self/fd').length };
  } catch {
    return {};
  }
}
