import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toProblem } from '../problem.js';
import { TributaryError } from '../../util/errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Addresses remembered at once; the idlest are forgotten first (a full bucket is the default anyway). */
const MAX_ADDRESSES = 100_000;

/**
 * A token bucket per client address (request.ip: the peer, or the client behind a trusted
 * proxy): `burst` requests at once, then `perSecond`. Over it, 429 with Retry-After, before the
 * API key is checked, so guessing keys is throttled too.
 */
export function apiRateLimit(perSecond: number, burst: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const t = now();
    const address = request.ip;
    const b = buckets.get(address) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    buckets.delete(address);
    buckets.set(address, b);
    if (buckets.size > MAX_ADDRESSES) buckets.delete(buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
    reply.header('retry-after', String(retryAfter)).header('cache-control', 'no-store');
    sendProblem(reply, toProblem(new TributaryError('ERR_RATE_LIMITED', `more than ${perSecond} API requests per second from ${address}; retry in ${retryAfter} s`)));
    return reply;
  };
}
