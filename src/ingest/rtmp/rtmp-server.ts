import { createServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from 'pino';
import type { PublishHandler } from './publish-handler.js';
import { RtmpConnection } from './rtmp-connection.js';
import { limitConnectionsPerAddress } from '../../util/connections-per-address.js';
import { DEFAULT_RTMP_LIMITS, type RtmpLimits } from './rtmp-limits.js';

export interface RtmpServerOptions {
  handler: PublishHandler;
  logger: Logger;
  limits?: Partial<RtmpLimits>;
  /** RTMPS: the same protocol inside TLS (PEM certificate chain and key). */
  tls?: { cert: Buffer; key: Buffer };
}

export interface RtmpServer {
  /** Starts listening; resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, ends every connection (each accepted sink gets onEnd) and waits for them. */
  close(): Promise<void>;
  /** Connections currently open. */
  connections(): number;
}

let nextConnection = 0;

/** The RTMP publish ingest server. Protocol errors end one connection, never the process. */
export function createRtmpServer(options: RtmpServerOptions): RtmpServer {
  const limits: RtmpLimits = { ...DEFAULT_RTMP_LIMITS, ...options.limits };
  const logger = options.logger;
  const open = new Set<RtmpConnection>();
  const onSocket = (socket: Socket) => {
    const connectionId = `rtmp-${(++nextConnection).toString(36)}`;
    if (open.size >= limits.maxConnections) {
      logger.warn({ conn: connectionId, remoteAddress: socket.remoteAddress, code: 'ERR_RTMP_LIMIT', reason: `more than ${limits.maxConnections} connections` }, 'RTMP connection refused');
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const conn = new RtmpConnection({ socket, handler: options.handler, logger, limits, connectionId });
    open.add(conn);
    conn.logger.debug('RTMP connection accepted');
    void conn.closed.then(() => open.delete(conn));
  };
  // A TLS handshake is bounded like the RTMP one; a client that fails it never reaches RTMP.
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: limits.handshakeTimeoutMs }, onSocket)
    : createServer({ noDelay: true }, onSocket);
  if (options.tls) {
    server.on('tlsClientError', (err: Error, socket: Socket) => logger.warn({ remoteAddress: socket.remoteAddress, code: 'ERR_RTMP_HANDSHAKE', reason: `TLS: ${err.message}` }, 'RTMPS connection refused'));
  }
  server.on('error', (err) => logger.error({ err }, 'RTMP server error'));
  limitConnectionsPerAddress(server, limits.connectionsPerAddress, (address) =>
    logger.warn({ remoteAddress: address, code: 'ERR_RTMP_LIMIT', reason: `more than ${limits.connectionsPerAddress} connections from one address` }, 'RTMP connection refused'),
  );

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error): void => reject(err);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      const conns = [...open];
      for (const c of conns) c.shutdown('server shutting down');
      await Promise.all(conns.map((c) => c.closed));
      await closing;
    },
    connections: () => open.size,
  };
}
