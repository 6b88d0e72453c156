import type { FlvAudioPacket, FlvVideoPacket } from '../../formats/flv/flv-tag.js';

/**
 * What the RTMP server asks of the rest of the system when an encoder sends `publish`, and what
 * it hands over afterwards. The server owns the protocol; the handler owns channels and media.
 */
export interface PublishRequest {
  /** `live/{accessToken}` for `rtmp://host/live/{accessToken}/{streamName}`. */
  app: string;
  /** The publish name without its query string (`.flv` suffix stripped). */
  streamName: string;
  /** Query string from the publish name or the app, without `?`, possibly empty. */
  query: string;
  remoteAddress: string;
  /** The local port the encoder connected to (primary 1935 or secondary 1936). */
  localPort: number;
  /** A short id for logs, unique in this process. */
  connectionId: string;
  /** Ends this encoder's connection from the server side (its sink then gets onEnd). */
  disconnect(reason: string): void;
}

export type PublishDecision =
  | { accept: true; sink: RtmpMediaSink }
  | { accept: false; code: 'NetStream.Publish.BadName' | 'NetStream.Publish.Denied'; description: string };

export interface PublishHandler {
  /** Decides before `NetStream.Publish.Start` is sent; nothing is recorded when it refuses. */
  onPublish(request: PublishRequest): Promise<PublishDecision>;
}

/**
 * Media of one accepted publish. Timestamps are RTMP decode times in ms with the 32-bit wrap
 * already undone (monotonic per message type, may start anywhere).
 */
export interface RtmpMediaSink {
  onMetadata(metadata: Record<string, unknown>): void;
  onVideo(timestampMs: number, packet: FlvVideoPacket): void;
  onAudio(timestampMs: number, packet: FlvAudioPacket): void;
  /** Called exactly once: unpublish, close, timeout or protocol error (with the reason). */
  onEnd(reason: string): void;
}
