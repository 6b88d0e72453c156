import type { FastifyReply, FastifyRequest } from 'fastify';
import { TributaryError } from '../../util/errors.js';
import { sameSecret } from '../../util/same-secret.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;


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
    if (!sameSecret(match[1], apiKey())) {
      throw new TributaryError('ERR_FORBIDDEN', 'the API key is wrong');
    }
  };
}
