import type { Logger } from 'pino';
import type { Catalog } from '../../catalog/catalog.js';
import type { ChannelRuntime } from '../../catalog/channel-runtime.js';
import type { ControlPlane } from '../../catalog/control-plane.js';

export interface ApiUrls {
  ingestUrls: {
    /** `rtmp://host:1935`: the channel's `/live/{accessToken}` is appended. */
    rtmpPrimary: string;
    rtmpSecondary: string;
    /** Base of Smooth (fmp4) ingest URLs; defaults to playbackBaseUrl (the same HTTP port). */
    http?: string;
  };
  /** `http://host:8080`: the default streaming endpoint that playback URLs point at. */
  playbackBaseUrl: string;
}

export interface ApiOptions extends ApiUrls {
  catalog: Catalog;
  runtime: ChannelRuntime;
  /** A getter so that the key can be rotated without re-registering routes. */
  apiKey: () => string;
  logger: Logger;
}

/** What every route handler is given. */
export interface ApiContext extends ApiUrls {
  catalog: Catalog;
  control: ControlPlane;
  runtime: ChannelRuntime;
}
