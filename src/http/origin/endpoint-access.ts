import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IpRange } from '../../catalog/ip-range.js';
import type { StreamingEndpoint } from '../../catalog/streaming-endpoint.js';
import { TributaryError } from '../../util/errors.js';
import { isIpAllowed } from '../../util/ip-cidr.js';
import { sendProblem, toProblem } from '../problem.js';

/**
 * The streaming endpoint an origin app serves, read on every request so that a PATCH of its
 * ipAllow or cors applies at once without restarting the listener (a primary-key read from
 * SQLite costs microseconds, like the locator lookup every playback request already makes).
 * Undefined means no policy: allow all, `*` CORS.
 */
export type EndpointSource = () => StreamingEndpoint | undefined;

/** 403 problem unless the client's address is in `allow` (undefined: allow all, []: none). */
export function refuseUnlessAllowed(request: FastifyRequest, reply: FastifyReply, allow: readonly IpRange[] | undefined, what: string): boolean {
  // request.ip is the socket's peer, or the client behind a configured trusted proxy
  // (trusted-proxies.ts): X-Forwarded-For from anyone else is ignored, so it cannot be forged.
  if (isIpAllowed(request.ip, allow)) return false;
  const error = new TributaryError('ERR_IP_DENIED', `${request.ip} is not allowed by the ipAllow list of ${what}`, { address: request.ip });
  reply.header('cache-control', 'no-store');
  sendProblem(reply, toProblem(error));
  return true;
}

/** An onRequest hook for every playback route of one endpoint. */
export function endpointIpGuard(endpoint: EndpointSource) {
  // Returning the reply from an async hook tells fastify the response is sent: no handler runs.
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const e = endpoint();
    if (e && refuseUnlessAllowed(request, reply, e.ipAllow, `streaming endpoint "${e.name}"`)) return reply;
    return undefined;
  };
}

/**
 * CORS for playback responses: `*` unless the endpoint lists origins; then the request's Origin
 * is echoed when it is listed, nothing is sent when it is not, and `Vary: Origin` tells caches
 * that the answer depends on it.
 */
export function setCorsHeaders(request: FastifyRequest, reply: FastifyReply, endpoint: StreamingEndpoint | undefined): void {
  const allowed = endpoint?.cors?.allowOrigins;
  if (!allowed || allowed.includes('*')) {
    reply.header('access-control-allow-origin', '*');
    return;
  }
  reply.header('vary', 'Origin');
  const origin = request.headers.origin;
  if (typeof origin === 'string' && allowed.some((o) => o.toLowerCase() === origin.toLowerCase())) reply.header('access-control-allow-origin', origin);
}
