import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { EncoderInfo } from '../ingest/ingest-target.js';
import type { PublishDecision, PublishHandler, PublishRequest, RtmpMediaSink } from '../ingest/rtmp/publish-handler.js';
import { RtmpPublishAdapter } from '../ingest/rtmp/rtmp-publish-adapter.js';
import { isIpAllowed } from '../util/ip-cidr.js';
import { redactIngestPath } from '../util/redact-ingest-path.js';
import type { LiveRegistry } from '../live/live-registry.js';

const STREAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** A stream name may have two encoders at once: a primary and its backup (CONTRACT §3). */
const ENCODERS_PER_STREAM = 2;

/**
 * Decides whether an RTMP publish may start (CONTRACT §3): the app must be `live/{accessToken}`
 * of an rtmp channel that is Running, and the stream name may have at most two encoders at once
 * (primary and backup, on either port). Nothing is recorded for a refused publish.
 */
export class RtmpPublishGate {
  /** Encoders publishing now, per channel and stream name. */
  private readonly active = new Map<string, Map<string, number>>();

  constructor(
    private readonly catalog: Catalog,
    private readonly registry: LiveRegistry,
    private readonly log: Logger,
  ) {}

  /** The handler for the listener of one ingest URL (primary 1935, secondary 1936). */
  handlerFor(role: EncoderInfo['role']): PublishHandler {
    return { onPublish: (request) => this.onPublish(request, role) };
  }

  private async onPublish(request: PublishRequest, role: EncoderInfo['role']): Promise<PublishDecision> {
    const log = this.log.child({ conn: request.connectionId, remoteAddress: request.remoteAddress });
    const m = /^live\/([^/]+)$/.exec(request.app);
    if (!m) return deny(log, 'NetStream.Publish.Denied', `unknown application "${String(redactIngestPath(request.app)).slice(0, 64)}": publish to rtmp://host/live/{accessToken}/{streamName}`);
    const channel = this.catalog.findChannelByAccessToken(m[1]);
    if (!channel || channel.input.protocol !== 'rtmp') return deny(log, 'NetStream.Publish.Denied', 'unknown access token');
    if (!isIpAllowed(request.remoteAddress, channel.input.ipAllow)) {
      return deny(log, 'NetStream.Publish.Denied', `address ${request.remoteAddress} is not in the input.ipAllow of channel ${channel.name}`);
    }
    const live = this.registry.channel(channel.name);
    if (channel.state !== 'Running' || !live) return deny(log, 'NetStream.Publish.Denied', `channel ${channel.name} is not running`);
    if (!STREAM_NAME.test(request.streamName)) return deny(log, 'NetStream.Publish.BadName', `stream name "${request.streamName}" is not allowed`);
    const names = this.active.get(channel.name) ?? new Map<string, number>();
    const publishing = names.get(request.streamName) ?? 0;
    if (publishing >= ENCODERS_PER_STREAM) {
      return deny(log, 'NetStream.Publish.BadName', `stream ${request.streamName} already has ${ENCODERS_PER_STREAM} encoders publishing`);
    }
    names.set(request.streamName, publishing + 1);
    this.active.set(channel.name, names);

    const sourceLog = log.child({ channel: channel.name, stream: request.streamName, role });
    const encoder: EncoderInfo = { id: request.connectionId, role, remoteAddress: request.remoteAddress, protocol: 'rtmp' };
    const adapter = new RtmpPublishAdapter(live, request.streamName, sourceLog, encoder);
    sourceLog.info({ localPort: request.localPort, redundant: publishing > 0 }, 'publish accepted');
    const detach = this.registry.attachEncoder(channel.name, (reason) => request.disconnect(reason));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (names.get(request.streamName) ?? 1) - 1;
      if (left > 0) names.set(request.streamName, left);
      else names.delete(request.streamName);
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
