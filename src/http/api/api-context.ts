import type { Logger } from 'pino';
import type { ApiKeyStore } from '../../config/api-key-store.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { ChannelRuntime } from '../../catalog/channel-runtime.js';
import type { ControlPlane } from '../../catalog/control-plane.js';
import type { StreamingEndpointRuntime } from '../../catalog/streaming-endpoint-runtime.js';

export interface ApiUrls {
  ingestUrls: {
    /** `rtmp://host:1935`: the channel's `/live/{accessToken}` is appended. */
    rtmpPrimary: string;
    rtmpSecondary: string;
    /** `rtmps://host:2935`, when a TLS certificate is configured. */
    rtmpsPrimary?: string;
    rtmpsSecondary?: string;
    /** Base of Smooth (fmp4) ingest URLs; defaults to playbackBaseUrl (the same HTTP port). */
    http?: string;
  };
  /** `http://host:8080`: the default streaming endpoint that playback URLs point at. */
  playbackBaseUrl: string;
}

export interface ApiOptions extends ApiUrls {
  catalog: Catalog;
  runtime: ChannelRuntime;
  /** Opens and closes the listeners of streaming endpoints other than default. */
  endpointRuntime: StreamingEndpointRuntime;
  /**
   * The ports the server itself listens on (port → what, e.g. "HTTP"), which no streaming
   * endpoint may take. A getter: with port 0 the HTTP port is known only after listen().
   */
  reservedPorts?: () => ReadonlyMap<number, string>;
  /** Read on every request, so that the key can be rotated without re-registering routes. */
  apiKey: ApiKeyStore;
  logger: Logger;
  /** Open connections per listener, for the health route. */
  connections?: () => Promise<Record<string, number>>;
  /** API requests per second and burst per client address; absent: unlimited (tests). */
  rateLimit?: { perSecond: number; burst: number };
}

/** What every route handler is given. */
export interface ApiContext extends ApiUrls {
  catalog: Catalog;
  control: ControlPlane;
  runtime: ChannelRuntime;
  reservedPorts(): ReadonlyMap<number, string>;
  apiKey: ApiKeyStore;
  connections?: () => Promise<Record<string, number>>;
}
