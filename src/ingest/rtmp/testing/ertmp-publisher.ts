import { readAmf0Values } from '../../../formats/amf/amf0-reader.js';
import { MessageType } from '../rtmp-message.js';
import type { FlvMessage } from './fmp4-to-flv.js';
import { RawRtmpClient } from './raw-rtmp-client.js';

export interface ErtmpPublishOptions {
  /** Port of the RTMP listener on 127.0.0.1. */
  port: number;
  /** The connect command's app, e.g. `live/{token}`. */
  app: string;
  /** The publish name (the stream key's last segment). */
  name: string;
  /** Chunk size to publish with (OBS and ffmpeg announce 4096); default RTMP's 128. */
  chunkSize?: number;
}

/** Chunk streams for media (formats.md §1.4): audio on 4, video and data on 6. */
const AUDIO_CSID = 4;
const VIDEO_CSID = 6;

/**
 * An Enhanced RTMP publisher for tests, on the server's own handshake, chunk writer and AMF0
 * code (RawRtmpClient): connect announcing `fourCcList` (enhanced-rtmp v2, "Enhancing
 * NetConnection connect Command"), releaseStream, FCPublish, createStream, publish, as ffmpeg
 * and OBS do; then whatever media messages the caller sends. Debian's ffmpeg 5.1 cannot write
 * E-RTMP, so this is how HEVC and AV1 reach the RTMP ingest in tests.
 */
export class ErtmpPublisher {
  private constructor(
    private readonly client: RawRtmpClient,
    private readonly streamId: number,
  ) {}

  /** Connects and publishes; rejects unless the server answers NetStream.Publish.Start. */
  static async publish(o: ErtmpPublishOptions): Promise<ErtmpPublisher> {
    const c = await RawRtmpClient.open(o.port);
    try {
      if (o.chunkSize !== undefined) c.setChunkSize(o.chunkSize);
      const tcUrl = `rtmp://127.0.0.1:${o.port}/${o.app}`;
      c.command(['connect', 1, { app: o.app, type: 'nonprivate', flashVer: 'FMLE/3.0 (compatible; tributary-test)', tcUrl, fourCcList: ['av01', 'hvc1', 'avc1', 'mp4a'] }]);
      await c.nextCommand('_result');
      c.command(['releaseStream', 2, null, o.name]);
      c.command(['FCPublish', 3, null, o.name]);
      c.command(['createStream', 4, null]);
      const created = readAmf0Values((await c.next((m) => m.typeId === MessageType.Amf0Command && readAmf0Values(m.payload)[1] === 4)).payload);
      const streamId = created[3];
      if (created[0] !== '_result' || typeof streamId !== 'number') throw new Error(`createStream answered ${JSON.stringify(created)}`);
      c.command(['publish', 5, null, o.name, 'live'], streamId, 8);
      const info = (await c.nextCommand('onStatus'))[3] as { code?: string; description?: string };
      if (info.code !== 'NetStream.Publish.Start') throw new Error(`publish refused: ${info.code} ${info.description ?? ''}`);
      return new ErtmpPublisher(c, streamId);
    } catch (e) {
      c.close();
      throw e;
    }
  }

  /** True once the server has closed the connection. */
  get closed(): Promise<void> {
    return this.client.closed;
  }

  send(m: FlvMessage): void {
    // Received messages (acknowledgements) are not needed once publishing: drop them.
    this.client.received.length = 0;
    const csid = m.typeId === MessageType.Audio ? AUDIO_CSID : VIDEO_CSID;
    this.client.send({ csid, typeId: m.typeId, streamId: this.streamId, timestamp: m.timestampMs, payload: m.body });
  }

  /** An encoder that crashes or loses its network: the socket is destroyed mid-stream. */
  abort(): void {
    this.client.socket.destroy();
  }

  /** FCUnpublish and deleteStream, as an encoder stopping cleanly, then the socket closes. */
  async stop(): Promise<void> {
    this.client.command(['FCUnpublish', 6, null, ''], 0);
    this.client.command(['deleteStream', 7, null, this.streamId], 0);
    await new Promise<void>((resolve) => this.client.socket.end(resolve));
    this.client.close();
  }
}
