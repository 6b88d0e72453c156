import type { Server } from 'node:net';
import type { Logger } from 'pino';
import type { Limits } from '../config/limits.js';
import type { TlsFiles } from '../config/read-tls-files.js';
import { limitConnectionsPerAddress } from '../util/connections-per-address.js';
/** node's own HTTP limits (header size, time to send the headers), for HTTP or HTTPS alike. */
export function httpServerOptions(limits: Limits, tls?: TlsFiles) {
  // node checks the header deadline on a timer (30 s by default): once a second keeps it close.
  const serverLimits = { maxHeaderSize: limits.http.maxHeaderBytes, headersTimeout: limits.http.headersTimeoutMs, connectionsCheckingInterval: 1000 };
  return {
    ...(tls ? { https: { cert: tls.cert, key: tls.key, ...serverLimits } } : { http: serverLimits }),
    keepAliveTimeout: limits.http.keepAliveTimeoutMs,
  };
}

/** Connections over the per-address cap are closed as they arrive, and logged once a second at most. */
export function guardConnections(server: Server, max: number, logger: Logger): void {
  let lastLog = 0;
  limitConnectionsPerAddress(server, max, (address) => {
    if (Date.now() - lastLog < 1000) return;
    lastLog = Date.now();
    logger.warn({ remoteAddress: address, code: 'ERR_LIMIT', reason: `more than ${max} connections from one address` }, 'connection refused');
  });
}
