import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { PublishDecision, PublishHandler, PublishRequest, RtmpMediaSink } from '../ingest/rtmp/publish-handler.js';
import { RtmpPublishAdapter } from '../ingest/rtmp/rtmp-publish-adapter.js';
import type { LiveRegistry } from '../live/live-registry.js';

const STREAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Decides whether an RTMP publish may start (CONTRACT §3): the app must be `live/{accessToken}`
 * of an rtmp channel that is Running, and the stream name must be free in that channel.
 * Nothing is recorded for a refused publish.
 */
export class RtmpPublishGate implements PublishHandler {
  /** Stream names publishing now, per channel. */
  private readonly active = new Map<string, Set<string>>();

  constructor(
    private readonly catalog: Catalog,
    private readonly registry: LiveRegistry,
    private readonly log: Logger,
  ) {}

  async onPublish(request: PublishRequest): Promise<PublishDecision> {
    const log = this.log.child({ conn: request.connectionId, remoteAddress: request.remoteAddress });
    const m = /^live\/([^/]+)$/.exec(request.app);
    if (!m) return deny(log, 'NetStream.Publish.Denied', `unknown application "${request.app}": publish to rtmp://host/live/{accessToken}/{streamName}`);
    const channel = this.catalog.findChannelByAccessToken(m[1]);
    if (!channel || channel.input.protocol !== 'rtmp') return deny(log, 'NetStream.Publish.Denied', 'unknown access token');
    const live = this.registry.channel(channel.name);
    if (channel.state !== 'Running' || !live) return deny(log, 'NetStream.Publish.Denied', `channel ${channel.name} is not running`);
    if (!STREAM_NAME.test(request.streamName)) return deny(log, 'NetStream.Publish.BadName', `stream name "${request.streamName}" is not allowed`);
    const names = this.active.get(channel.name) ?? new Set<string>();
    if (names.has(request.streamName)) return deny(log, 'NetStream.Publish.BadName', `stream ${request.streamName} is already publishing`);
    names.add(request.streamName);
    this.active.set(channel.name, names);

    const sourceLog = log.child({ channel: channel.name, stream: request.streamName });
    const adapter = new RtmpPublishAdapter(live, request.streamName, sourceLog);
    sourceLog.info({ localPort: request.localPort }, 'publish accepted');
    const detach = this.registry.attachEncoder(channel.name, (reason) => request.disconnect(reason));
    const release = () => {
      names.delete(request.streamName);
      detach();
    };
    const sink: RtmpMediaSink = {
      onMetadata: (m) => adapter.onMetadata(m),
      onVideo: (t, p) => adapter.onVideo(t, p),
      onAudio: (t, p) => adapter.onAudio(t, p),
      onEnd: (reason) => {
        release();
        adapter.onEnd(reason);
      },
    };
    return { accept: true, sink };
  }
}

function deny(log: Logger, code: 'NetStream.Publish.BadName' | 'NetStream.Publish.Denied', description: string): PublishDecision {
  log.warn({ code, reason: description }, 'publish refused');
  return { accept: false, code, description };
}
