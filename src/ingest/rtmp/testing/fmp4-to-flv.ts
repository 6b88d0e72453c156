import { writeAmf0Values } from '../../../formats/amf/amf0-writer.js';
import { Amf0EcmaArray } from '../../../formats/amf/amf0-value.js';
import { buildFlvAudio } from '../../../formats/flv/build-flv-audio.js';
import { buildFlvVideo } from '../../../formats/flv/build-flv-video.js';
import { VIDEO_FOURCC } from '../../../formats/flv/flv-fourcc.js';
import type { FlvVideoCodec } from '../../../formats/flv/flv-tag.js';
import type { VideoCodecConfig } from '../../../model/codec.js';
import type { SmoothIngestEvent, SmoothTrack } from '../../smooth/smooth-ingest-event.js';
import { MessageType } from '../rtmp-message.js';

/** One RTMP media message: an FLV tag body and its timestamp in milliseconds (DTS). */
export interface FlvMessage {
  typeId: typeof MessageType.Audio | typeof MessageType.Video | typeof MessageType.Amf0Data;
  timestampMs: number;
  body: Uint8Array;
}

export interface Fmp4ToFlvOptions {
  /**
   * Put a temporal delimiter OBU before each AV1 temporal unit, as a raw low-overhead AV1
   * bitstream has them (the E-RTMP spec lets CodedFrames carry them; ISOBMFF samples must not).
   */
  av1TemporalDelimiters?: boolean;
  /** Write H.264 with the E-RTMP `avc1` ExVideoTagHeader rather than legacy codec id 7. */
  enhancedAvc?: boolean;
}

const FLV_CODEC: Readonly<Record<VideoCodecConfig['kind'], FlvVideoCodec>> = { h264: 'avc', h265: 'hevc', av1: 'av1' };
/** temporal_delimiter_obu: obu_type 2 with obu_has_size_field, size 0 (AV1 spec §5.6). */
const TEMPORAL_DELIMITER = Uint8Array.from([0x12, 0x00]);
/** FLV SoundFormat 10 = AAC (FLV 10.1 §E.4.2.1), as onMetaData's audiocodecid. */
const AAC_CODEC_ID = 10;

const fourCcNumber = (f: string) => [...f].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);

/**
 * Test publisher's translator: the events of an fMP4 stream (SmoothIngestParser reads plain
 * fragmented MP4 as well as Smooth ingest) become what an Enhanced RTMP encoder sends
 * (formats.md §1.6, §1.8): `@setDataFrame onMetaData` with the FourCC as videocodecid, a
 * SequenceStart carrying the sample entry's record (avcC, hvcC, av1C), then one CodedFrames
 * message per sample, H.264 and HEVC with their composition time in ms, AV1 without one; AAC as
 * legacy tags (AudioSpecificConfig, then raw frames). Timestamps are each sample's decode time
 * in ms, less the first one seen, so the publish starts at 0.
 */
export class Fmp4ToFlv {
  private tracks = new Map<number, SmoothTrack>();
  private originMs?: number;

  constructor(private readonly options: Fmp4ToFlvOptions = {}) {}

  translate(event: SmoothIngestEvent): FlvMessage[] {
    if (event.kind === 'header') return this.header(event.tracks);
    if (event.kind !== 'fragment') return [];
    const track = this.tracks.get(event.trackId);
    if (!track) return [];
    const out: FlvMessage[] = [];
    let decodeTime = event.decodeTime;
    for (const s of event.samples) {
      const dtsMs = Number((decodeTime * 1000n) / BigInt(track.timescale));
      decodeTime += BigInt(s.duration);
      this.originMs ??= dtsMs;
      const timestampMs = Math.max(0, dtsMs - this.originMs);
      if (track.type === 'audio') {
        out.push({ typeId: MessageType.Audio, timestampMs, body: buildFlvAudio({ kind: 'frame', codec: 'aac', data: s.data }) });
        continue;
      }
      const codec = FLV_CODEC[track.codec.kind];
      const av1 = codec === 'av1';
      const data = av1 && this.options.av1TemporalDelimiters ? concat(TEMPORAL_DELIMITER, s.data) : s.data;
      const compositionTime = av1 ? 0 : Math.round((s.compositionOffset * 1000) / track.timescale);
      const body = buildFlvVideo({ kind: 'frame', codec, keyframe: s.sync, compositionTime, data }, { enhanced: this.options.enhancedAvc });
      out.push({ typeId: MessageType.Video, timestampMs, body });
    }
    return out;
  }

  private header(tracks: SmoothTrack[]): FlvMessage[] {
    const video = tracks.find((t) => t.type === 'video');
    const audio = tracks.find((t) => t.type === 'audio');
    this.tracks = new Map([video, audio].filter((t) => t !== undefined).map((t) => [t.trackId, t]));
    const meta: Record<string, number | boolean> = {};
    const out: FlvMessage[] = [];
    if (video?.type === 'video') {
      const c = video.codec;
      const codec = FLV_CODEC[c.kind];
      Object.assign(meta, { width: c.width, height: c.height, videocodecid: fourCcNumber(VIDEO_FOURCC[codec]) });
      if (c.frameRate) meta.framerate = c.frameRate;
      const record = c.kind === 'h264' ? c.avcC : c.kind === 'h265' ? c.hvcC : c.av1C;
      out.push({ typeId: MessageType.Video, timestampMs: 0, body: buildFlvVideo({ kind: 'config', codec, data: record }, { enhanced: this.options.enhancedAvc }) });
    }
    if (audio?.type === 'audio') {
      Object.assign(meta, { audiocodecid: AAC_CODEC_ID, audiosamplerate: audio.codec.sampleRate, stereo: audio.codec.channels === 2 });
      out.push({ typeId: MessageType.Audio, timestampMs: 0, body: buildFlvAudio({ kind: 'config', codec: 'aac', data: audio.codec.asc }) });
    }
    const data = writeAmf0Values(['@setDataFrame', 'onMetaData', new Amf0EcmaArray(meta)]);
    return [{ typeId: MessageType.Amf0Data, timestampMs: 0, body: data }, ...out];
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
