import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Catalog } from './catalog/catalog.js';
import { ControlPlane } from './catalog/control-plane.js';
import { DEFAULT_ENDPOINT_NAME } from './catalog/streaming-endpoint.js';
import type { Config } from './config/config.js';
import { ApiKeyStore } from './config/api-key-store.js';
import { ensureApiKey } from './config/ensure-api-key.js';
import { readTlsFiles } from './config/read-tls-files.js';
import { guardConnections, httpServerOptions } from './server/http-server-options.js';
import { registerApi } from './http/api/register-api.js';
import { registerOrigin, type OriginOptions } from './http/origin/origin-routes.js';
import { problemErrorHandler, problemFrameworkErrors, problemNotFoundHandler } from './http/problem.js';
import { createRtmpServer } from './ingest/rtmp/rtmp-server.js';
import { LiveRegistry } from './live/live-registry.js';
import { systemClock, type Clock } from './model/time.js';
import { EndpointListeners } from './server/endpoint-listeners.js';
import { assetTrackSummary } from './server/asset-track-summary.js';
import { LiveRuntime } from './server/live-runtime.js';
import { createOriginApp } from './server/origin-app.js';
import { CatalogPlaybackResolver } from './server/playback-resolver.js';
import { RtmpPublishGate } from './server/rtmp-publish-gate.js';
import { smoothIngestResolver } from './server/smooth-ingest-gate.js';
import { registerSmoothIngest } from './ingest/smooth/register-smooth-ingest.js';
import { DiskFragmentStore } from './store/disk-fragment-store.js';
import { trustProxyFunction } from './util/trusted-proxies.js';

export interface StartOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
}

export interface RunningServer {
  httpPort: number;
  rtmpPort: number;
  rtmpSecondaryPort: number;
  urls: { api: string; console: string; rtmpPrimary: string; rtmpSecondary: string; rtmpsPrimary?: string; rtmpsSecondary?: string };
  apiKey: { generated: boolean; path?: string; value: string };
  /** Stops accepting, closes ingest (fragments in flight are stored), flushes the catalog. */
  close(): Promise<void>;
}

/**
 * The only place that wires implementations together: one all-in-one node with the management
 * API, the origin, and RTMP ingest on the primary and secondary ports (CONTRACT §1).
 */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const { config, logger } = o;
  const clock = o.clock ?? systemClock;
  const tls = config.tls && readTlsFiles(config.tls);
  const scheme = tls ? 'https' : 'http';
  mkdirSync(config.dataDir, { recursive: true });
  const key = ensureApiKey(config);
  const catalog = new Catalog({ dataDir: config.dataDir, logger: logger.child({ component: 'catalog' }) });
  const store = new DiskFragmentStore(join(config.dataDir, 'media'));
  // Recording events reach the catalog: asset statistics, and a program whose recording failed
  // (the control plane below exists before any program can record).
  const registry = new LiveRegistry({
    store,
    maxTracksPerChannel: config.limits.channel.maxTracks,
    clock,
    log: logger.child({ component: 'live' }),
    events: {
      progress: (archive) => {
        const stats = archive.stats();
        catalog.updateAssetStats(archive.name, { ...stats, tracks: stats.tracks.map(assetTrackSummary) });
      },
      failed: (channel, program, err) => control.programFailed(channel, program, err),
    },
  });
  // Before anything plays or records: every asset's archive is read back and repaired.
  const archives = await registry.library.recover(catalog.listAssets().map((a) => a.name));
  logger.info({ assets: archives.repaired.length, removed: archives.removed, repaired: archives.repaired.filter((r) => r.droppedEntries + r.orphansRemoved + r.temporariesRemoved + r.tornJournals > 0) }, 'archives recovered');
  const runtime = new LiveRuntime(registry);
  // Every streaming endpoint serves the same origin; each reads its own policies per request.
  const origin = (endpoint: string): OriginOptions => ({
    resolver: new CatalogPlaybackResolver(catalog, registry, clock),
    store,
    clock,
    endpoint: () => catalog.getStreamingEndpoint(endpoint),
    previewAllow: (channel) => catalog.getChannel(channel)?.preview.ipAllow,
  });
  const endpointLogger = logger.child({ component: 'endpoint' });
  const endpoints = new EndpointListeners({
    host: config.host,
    createApp: (name) => createOriginApp(origin(name), endpointLogger.child({ endpoint: name }), { trustedProxies: config.trustedProxies, tls, limits: config.limits }),
    logger: endpointLogger,
  });
  const control = new ControlPlane({ catalog, runtime, endpoints, logger: logger.child({ component: 'control' }) });

  const limits = config.limits;
  const app = Fastify({
    ...httpServerOptions(limits, tls),
    // Per-request logs (info) would be one line per segment request: only warnings and errors.
    loggerInstance: logger.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: limits.http.apiBodyBytes,
    frameworkErrors: problemFrameworkErrors,
    trustProxy: trustProxyFunction(config.trustedProxies),
  }) as unknown as FastifyInstance;
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler(problemNotFoundHandler);

  // What was Running before a restart is Running again before any encoder can connect.
  const recovered = await control.recoverOnStartup();
  logger.info({ recovered }, 'catalog recovered');

  guardConnections(app.server, limits.http.connectionsPerAddress, logger.child({ component: 'http' }));
  const gate = new RtmpPublishGate(catalog, registry, logger.child({ component: 'rtmp' }));
  const rtmpLimits = {
    handshakeTimeoutMs: limits.rtmp.handshakeTimeoutMs,
    idleTimeoutMs: limits.rtmp.idleTimeoutMs,
    maxMessageSize: limits.rtmp.maxMessageBytes,
    maxConnections: limits.rtmp.maxConnections,
    connectionsPerAddress: limits.rtmp.connectionsPerAddress,
  };
  const rtmp = createRtmpServer({ handler: gate.handlerFor('primary'), limits: rtmpLimits, logger: logger.child({ component: 'rtmp', port: 'primary' }) });
  const rtmpSecondary = createRtmpServer({ handler: gate.handlerFor('secondary'), limits: rtmpLimits, logger: logger.child({ component: 'rtmp', port: 'secondary' }) });
  const rtmpPort = await rtmp.listen(config.rtmpPort, config.host);
  const rtmpSecondaryPort = await rtmpSecondary.listen(config.rtmpSecondaryPort, config.host);
  // RTMPS: the same gate behind TLS, on its own ports (CONTRACT §1: 2935 and 2936).
  const rtmps = tls && createRtmpServer({ handler: gate.handlerFor('primary'), tls, limits: rtmpLimits, logger: logger.child({ component: 'rtmp', port: 'rtmps primary' }) });
  const rtmpsSecondary = tls && createRtmpServer({ handler: gate.handlerFor('secondary'), tls, limits: rtmpLimits, logger: logger.child({ component: 'rtmp', port: 'rtmps secondary' }) });
  const rtmpsPort = rtmps ? await rtmps.listen(config.tls!.rtmpsPort, config.host) : undefined;
  const rtmpsSecondaryPort = rtmpsSecondary ? await rtmpsSecondary.listen(config.tls!.rtmpsSecondaryPort, config.host) : undefined;

  // The HTTP port is only known after listen; URLs in API responses are built from this holder.
  const urls = {
    http: '',
    httpPort: config.httpPort,
    rtmpPrimary: `rtmp://${config.publicHost}:${rtmpPort}`,
    rtmpSecondary: `rtmp://${config.publicHost}:${rtmpSecondaryPort}`,
    rtmpsPrimary: rtmpsPort === undefined ? undefined : `rtmps://${config.publicHost}:${rtmpsPort}`,
    rtmpsSecondary: rtmpsSecondaryPort === undefined ? undefined : `rtmps://${config.publicHost}:${rtmpsSecondaryPort}`,
  };
  await registerApi(app, {
    catalog,
    runtime,
    endpointRuntime: endpoints,
    reservedPorts: () =>
      new Map([
        [rtmpSecondaryPort, 'RTMP secondary'],
        [rtmpPort, 'RTMP primary'],
        [urls.httpPort, 'HTTP'],
        ...(rtmpsPort === undefined ? [] : [[rtmpsPort, 'RTMPS primary'] as const]),
        ...(rtmpsSecondaryPort === undefined ? [] : [[rtmpsSecondaryPort, 'RTMPS secondary'] as const]),
      ]),
    rateLimit: { perSecond: limits.http.apiRequestsPerSecond, burst: limits.http.apiBurst },
    connections: async () => ({
      http: await new Promise<number>((resolve) => app.server.getConnections((_err, n) => resolve(n))),
      rtmp: rtmp.connections(),
      rtmpSecondary: rtmpSecondary.connections(),
      ...(rtmps ? { rtmps: rtmps.connections(), rtmpsSecondary: rtmpsSecondary!.connections() } : {}),
    }),
    apiKey: new ApiKeyStore(key.apiKey, key.path === undefined ? { kind: 'configured' } : { kind: 'file', path: key.path }),
    logger: logger.child({ component: 'api' }),
    ingestUrls: {
      get rtmpPrimary() {
        return urls.rtmpPrimary;
      },
      get rtmpSecondary() {
        return urls.rtmpSecondary;
      },
      rtmpsPrimary: urls.rtmpsPrimary,
      rtmpsSecondary: urls.rtmpsSecondary,
    },
    get playbackBaseUrl() {
      return urls.http;
    },
  });
  registerSmoothIngest(app, {
    resolve: smoothIngestResolver(catalog, registry, logger.child({ component: 'smooth-ingest' })),
    log: logger.child({ component: 'smooth-ingest' }),
    limits: { idleTimeoutMs: limits.smooth.idleTimeoutMs, maxMdatBytes: limits.smooth.maxFragmentBytes, maxTracks: limits.smooth.maxTracks },
  });
  registerOrigin(app, origin(DEFAULT_ENDPOINT_NAME));

  await app.listen({ port: config.httpPort, host: config.host });
  const address = app.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
  urls.httpPort = httpPort;
  urls.http = `${scheme}://${config.publicHost}:${httpPort}`;

  // After the main listeners: an endpoint whose port the server took fails alone, logged.
  const endpointRecovery = await control.recoverStreamingEndpoints();
  logger.info({ recovered: endpointRecovery }, 'streaming endpoints recovered');

  let closing: Promise<void> | undefined;
  return {
    httpPort,
    rtmpPort,
    rtmpSecondaryPort,
    urls: { api: `${urls.http}/api/v1`, console: `${urls.http}/`, rtmpPrimary: urls.rtmpPrimary, rtmpSecondary: urls.rtmpSecondary, rtmpsPrimary: urls.rtmpsPrimary, rtmpsSecondary: urls.rtmpsSecondary },
    apiKey: { generated: key.generated, path: key.path, value: key.apiKey },
    close: () =>
      (closing ??= (async () => {
        await Promise.all([rtmp.close(), rtmpSecondary.close(), rtmps?.close(), rtmpsSecondary?.close(), endpoints.closeAll()]);
        await registry.closeAll();
        await app.close();
        catalog.close();
      })()),
  };
}

