import type { FastifyInstance } from 'fastify';
import { handleSmoothPost, sendSmoothResult, type SmoothPostOptions } from './handle-smooth-post.js';

/**
 * Mounts Smooth ingest on a fastify app: `POST /ingest/:channel/:token/*` (CONTRACT §3). Inside
 * an encapsulated plugin, every content type gets a parser that reads nothing, so the live body
 * stays on `request.raw` for handleSmoothPost to stream; the rest of the app keeps its parsers.
 * The reply is hijacked and written on the raw response. The server must not time out requests
 * (fastify's `requestTimeout` defaults to 0; node's own default of 300 s would cut a live POST).
 */
export function registerSmoothIngest(app: FastifyInstance, options: SmoothPostOptions): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.post('/ingest/:channel/:token/*', (request, reply) => {
      reply.hijack();
      // request.ip: the client behind a trusted proxy (trusted-proxies.ts), else the TCP peer.
      void handleSmoothPost(request.raw, options, request.ip).then(
        (result) => sendSmoothResult(reply.raw, result),
        (err: unknown) => {
          options.log.error({ err }, 'Smooth ingest handler failed');
          sendSmoothResult(reply.raw, { status: 500, body: 'unexpected error', close: true });
        },
      );
    });
  });
}
