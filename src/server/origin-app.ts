import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerOrigin, type OriginOptions } from '../http/origin/origin-routes.js';
import type { CidrRange } from '../util/ip-cidr.js';
import type { TlsFiles } from '../config/read-tls-files.js';
import { DEFAULT_LIMITS, type Limits } from '../config/limits.js';
import { guardConnections, httpServerOptions } from './http-server-options.js';
import { trustProxyFunction } from '../util/trusted-proxies.js';
import { problemErrorHandler, problemFrameworkErrors, problemNotFoundHandler } from '../http/problem.js';

/**
 * A fastify instance that serves exactly the playback routes of one streaming endpoint: no API,
 * no ingest. Not yet listening; EndpointListeners opens it on the endpoint's port.
 */
export interface OriginAppOptions {
  trustedProxies?: readonly CidrRange[];
  /** With a certificate every port of the server speaks HTTPS, endpoints' own ports too. */
  tls?: TlsFiles;
  limits?: Limits;
}

export function createOriginApp(origin: OriginOptions, logger: Logger, o: OriginAppOptions = {}): FastifyInstance {
  const limits = o.limits ?? DEFAULT_LIMITS;
  const app = Fastify({
    ...httpServerOptions(limits, o.tls),
    // As on the main port: one info line per segment request would drown the log.
    loggerInstance: logger.child({}, { level: 'warn' }) as FastifyBaseLogger,
    // Players keep connections open; closing the endpoint must not wait for them to leave.
    forceCloseConnections: true,
    frameworkErrors: problemFrameworkErrors,
    // ipAllow sees the client behind a configured proxy, never one a client claims to be.
    trustProxy: trustProxyFunction(o.trustedProxies ?? []),
  });
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler(problemNotFoundHandler);
  registerOrigin(app, origin);
  guardConnections(app.server, limits.http.connectionsPerAddress, logger);
  return app as unknown as FastifyInstance;
}
