import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { StreamingEndpoint } from '../catalog/streaming-endpoint.js';
import type { StreamingEndpointRuntime } from '../catalog/streaming-endpoint-runtime.js';
import { TributaryError } from '../util/errors.js';

export interface EndpointListenersOptions {
  /** The bind host of the server: an endpoint listens where the main port does. */
  host: string;
  /** A fresh app serving the playback routes of the named endpoint, not yet listening. */
  createApp(endpointName: string): FastifyInstance;
  logger: Logger;
}

/**
 * One HTTP listener per Running streaming endpoint other than default. The control plane's
 * transient states (Starting, Stopping) serialise calls for one endpoint, so no lock is kept.
 */
export class EndpointListeners implements StreamingEndpointRuntime {
  readonly #apps = new Map<string, FastifyInstance>();

  constructor(private readonly o: EndpointListenersOptions) {}

  async startEndpoint(endpoint: StreamingEndpoint): Promise<void> {
    if (this.#apps.has(endpoint.name)) return;
    const port = endpoint.port;
    if (port === undefined) throw new TributaryError('ERR_VALIDATION', `streaming endpoint "${endpoint.name}" has no port`, { field: 'port' });
    const app = this.o.createApp(endpoint.name);
    try {
      await app.listen({ port, host: this.o.host });
    } catch (err) {
      await app.close().catch(() => {});
      throw listenError(err, port, this.o.host);
    }
    this.#apps.set(endpoint.name, app);
    this.o.logger.info({ endpoint: endpoint.name, host: this.o.host, port }, 'streaming endpoint listening');
  }

  /** Resolves once the port is closed: open connections are ended, not waited for. */
  async stopEndpoint(name: string): Promise<void> {
    const app = this.#apps.get(name);
    if (!app) return;
    this.#apps.delete(name);
    await app.close();
    this.o.logger.info({ endpoint: name }, 'streaming endpoint closed');
  }

  /** One process serves every unit alike: the count is recorded by the catalog and shown. */
  async scaleEndpoint(_endpoint: StreamingEndpoint, _scaleUnits: number): Promise<void> {}

  /** The bound port of a running endpoint (tests, logs). */
  port(name: string): number | undefined {
    const address = this.#apps.get(name)?.server.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  /** Server shutdown: closes every listener but leaves the catalog saying Running, to reopen after a restart. */
  async closeAll(): Promise<void> {
    const apps = [...this.#apps.values()];
    this.#apps.clear();
    await Promise.all(apps.map((app) => app.close()));
  }
}

function listenError(err: unknown, port: number, host: string): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new TributaryError('ERR_PORT_IN_USE', `port ${port} is already in use on ${host}`, { port });
  if (code === 'EACCES') return new TributaryError('ERR_PORT_IN_USE', `port ${port} may not be opened by this process (permission denied)`, { port });
  if (code === 'EADDRNOTAVAIL') return new TributaryError('ERR_PORT_IN_USE', `cannot listen on ${host}:${port}: address not available`, { port });
  return err as Error;
}
