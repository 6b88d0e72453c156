import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TributaryError } from '../../util/errors.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** Digests have equal length whatever the inputs, so the comparison leaks neither content nor length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * An onRequest hook: 401 without a bearer token, 403 with a wrong one. The key is read through
 * the getter on every request so rotation needs no restart, and it never reaches a log line.
 */
export function checkApiKey(apiKey: () => string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      reply.header('www-authenticate', 'Bearer realm="tributary"');
      throw new TributaryError('ERR_UNAUTHORIZED', 'send the API key as "Authorization: Bearer <key>"');
    }
    if (!timingSafeEqual(digest(match[1]), digest(apiKey()))) {
      throw new TributaryError('ERR_FORBIDDEN', 'the API key is wrong');
    }
  };
}
