import { readAmf0Values } from '../../formats/amf/amf0-reader.js';
import { amf0ToPlain, Amf0EcmaArray, isAmf0Object } from '../../formats/amf/amf0-value.js';
import { readFlvTags } from '../../formats/flv/flv-tag-sequence.js';
import { parseFlvAudio } from '../../formats/flv/parse-flv-audio.js';
import { parseFlvVideo } from '../../formats/flv/parse-flv-video.js';
import type { RtmpMediaSink } from './publish-handler.js';
import { MessageType, type RtmpMessage } from './rtmp-message.js';
import { TimestampUnwrapper } from './timestamp-unwrapper.js';

/**
 * Hands the media messages of an accepted publish to its sink: audio and video as parsed FLV
 * packets with unwrapped timestamps (one clock per type), `onMetaData` as a plain object, and
 * aggregate messages split into the tags they carry.
 */
export class MediaDispatcher {
  private readonly audioClock = new TimestampUnwrapper();
  private readonly videoClock = new TimestampUnwrapper();

  constructor(private readonly sink: RtmpMediaSink) {}

  /** Returns false for message types that are not media. */
  dispatch(m: RtmpMessage): boolean {
    switch (m.typeId) {
      case MessageType.Audio:
      case MessageType.Video:
      case MessageType.Amf0Data:
        this.deliver(m.typeId, m.timestamp, m.payload);
        return true;
      case MessageType.Amf3Data:
        // AMF3 data messages start with a format byte, then AMF0 values as with type 17.
        this.deliver(MessageType.Amf0Data, m.timestamp, m.payload.subarray(m.payload[0] === 0 ? 1 : 0));
        return true;
      case MessageType.Aggregate:
        this.aggregate(m);
        return true;
      default:
        return false;
    }
  }

  /**
   * An aggregate (RTMP 1.0 §7.1.6) is FLV tags whose timestamps are relative to the first
   * tag's, rebased here onto the message timestamp.
   */
  private aggregate(m: RtmpMessage): void {
    const tags = readFlvTags(m.payload);
    if (tags.length === 0) return;
    const base = tags[0].timestamp;
    for (const t of tags) {
      if (t.type === MessageType.Audio || t.type === MessageType.Video || t.type === MessageType.Amf0Data) {
        this.deliver(t.type, (m.timestamp + t.timestamp - base) >>> 0, t.data);
      }
    }
  }

  private deliver(type: number, timestamp: number, body: Uint8Array): void {
    if (type === MessageType.Video) this.sink.onVideo(this.videoClock.unwrap(timestamp), parseFlvVideo(body));
    else if (type === MessageType.Audio) this.sink.onAudio(this.audioClock.unwrap(timestamp), parseFlvAudio(body));
    else this.data(body);
  }

  /** `@setDataFrame onMetaData {…}` (ffmpeg) or bare `onMetaData {…}`; other data is ignored. */
  private data(body: Uint8Array): void {
    const values = readAmf0Values(body);
    if (values[0] === '@setDataFrame') values.shift();
    if (values[0] !== 'onMetaData') return;
    const meta = values[1];
    if (meta instanceof Amf0EcmaArray || (meta !== undefined && isAmf0Object(meta))) {
      this.sink.onMetadata(amf0ToPlain(meta) as Record<string, unknown>);
    }
  }
}
