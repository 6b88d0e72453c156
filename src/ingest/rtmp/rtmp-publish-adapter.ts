import type { Logger } from 'pino';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import { av1ConfigFromAv1C } from '../../codecs/av1/av1-config.js';
import { withoutTemporalDelimiters } from '../../codecs/av1/obu.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';
import { h265ConfigFromHvcC } from '../../codecs/hevc/h265-config.js';
import type { FlvAudioPacket, FlvVideoCodec, FlvVideoPacket } from '../../formats/flv/flv-tag.js';
import type { AacConfig, VideoCodecConfig } from '../../model/codec.js';
import { sameCodecConfig } from '../../model/codec.js';
import type { Track } from '../../model/track.js';
import { AudioFragmenter } from '../audio-fragmenter.js';
import type { EncoderInfo, IngestTarget } from '../ingest-target.js';
import { VideoFragmenter } from '../video-fragmenter.js';
import type { RtmpMediaSink } from './publish-handler.js';

const VIDEO_TIMESCALE = 90000;
/** The model's codec kind for each FLV/E-RTMP video codec. */
const VIDEO_KIND: Readonly<Record<FlvVideoCodec, VideoCodecConfig['kind']>> = { avc: 'h264', hevc: 'h265', av1: 'av1' };
/** Audio without any video for this long (media time) is an audio-only source. */
const AUDIO_ALONE_AFTER_MS = 3000;

/**
 * Translates one RTMP publish into the neutral model: FLV packets become Tracks and Frames,
 * RTMP millisecond timestamps become ticks of each track's timescale on the channel's media
 * time, and fragmenters cut them into Fragments.
 *
 * Audio decode times come from sample counts (1024 per AAC frame), anchored on the first RTMP
 * timestamp and re-anchored only when they drift more than a frame from it: RTMP's integer
 * milliseconds jitter by a millisecond at every frame (formats.md §1.7).
 *
 * Video is H.264 (legacy codec id 7, or the E-RTMP `avc1` FourCC), HEVC (`hvc1`) or AV1
 * (`av01`), each configured by its record (avcC, hvcC, av1C) in the sequence start. AV1 frames
 * arrive as the OBUs of one temporal unit and are stored without temporal delimiters, as
 * AV1-ISOBMFF §2.4 requires of samples.
 */
export class RtmpPublishAdapter implements RtmpMediaSink {
  private placement?: { offsetMs: number; align: boolean };
  private video?: { track: Track; config: VideoCodecConfig; fragmenter: VideoFragmenter };
  private audio?: { track: Track; config: AacConfig; fragmenter: AudioFragmenter; next?: bigint; firstMs?: number };
  private metadata: Record<string, unknown> = {};
  private ended = false;
  private readonly warned = new Set<string>();

  constructor(
    private readonly target: IngestTarget,
    private readonly source: string,
    private readonly log: Logger,
    private readonly encoder: EncoderInfo = { id: source, role: 'primary', remoteAddress: '', protocol: 'rtmp' },
  ) {}

  onMetadata(metadata: Record<string, unknown>): void {
    this.metadata = metadata;
  }

  onVideo(timestampMs: number, packet: FlvVideoPacket): void {
    if (this.ended) return;
    if (packet.kind === 'config') {
      const config = this.videoConfig(packet.codec, packet.data);
      if (this.video && sameCodecConfig(this.video.config, config)) return;
      const track = this.target.declareTrack({ source: this.source, type: 'video', codec: config, timescale: VIDEO_TIMESCALE, bitrate: kbps(this.metadata, 'videodatarate') });
      if (this.video) {
        this.video.fragmenter.setVersion(track.version);
        this.video = { ...this.video, track, config };
      } else {
        const fragmenter = new VideoFragmenter({
          trackId: track.id,
          timescale: VIDEO_TIMESCALE,
          clock: this.target.segmentClock,
          emit: (f) => this.target.addFragment(f, this.encoder.id),
          onCut: (time, sequence) => this.audio?.fragmenter.followCut(time, sequence),
        });
        fragmenter.setVersion(track.version);
        this.video = { track, config, fragmenter };
      }
      return;
    }
    if (packet.kind !== 'frame') return;
    if (!this.video) return this.warnOnce('video frames before the video sequence header are dropped');
    if (VIDEO_KIND[packet.codec] !== this.video.config.kind) return this.warnOnce(`${packet.codec} frames on a ${this.video.config.kind} track are dropped`);
    let data = packet.data;
    if (packet.codec === 'av1') {
      try {
        data = withoutTemporalDelimiters(data);
      } catch (e) {
        return this.warnOnce(`malformed AV1 temporal units are dropped: ${(e as Error).message}`);
      }
      if (data.length === 0) return;
    }
    let ms = this.mediaMs(timestampMs);
    if (this.placement!.align && packet.keyframe) {
      // A redundant encoder placed at the live edge: snap its first key frame onto the cut the
      // other encoder made there, so both deliver the same fragments at the same times.
      const correction = this.target.alignToCut(this.encoder.id, ms);
      this.placement = { offsetMs: this.placement!.offsetMs + correction, align: false };
      ms += correction;
    }
    this.video.fragmenter.push({
      decodeTime: BigInt(ms) * 90n,
      compositionOffset: packet.compositionTime * 90,
      sync: packet.keyframe,
      data,
    });
  }

  /** The track's codec from the sequence start's record; the size comes from the record where it has one. */
  private videoConfig(codec: FlvVideoCodec, record: Uint8Array): VideoCodecConfig {
    const frameRate = numberField(this.metadata, 'framerate');
    switch (codec) {
      case 'avc':
        return h264ConfigFromAvcC(record, { frameRate });
      case 'hevc':
        // The SPS in the hvcC gives the picture size: RTMP has no sample entry.
        return h265ConfigFromHvcC(record, { frameRate });
      case 'av1':
        // configOBUs usually hold the sequence header; onMetaData's size stands in when they do not.
        return av1ConfigFromAv1C(record, { width: numberField(this.metadata, 'width'), height: numberField(this.metadata, 'height'), frameRate });
    }
  }

  onAudio(timestampMs: number, packet: FlvAudioPacket): void {
    if (this.ended) return;
    if (packet.kind === 'config') {
      const config = aacConfigFromAsc(packet.data);
      if (this.audio && sameCodecConfig(this.audio.config, config)) return;
      const track = this.target.declareTrack({ source: this.source, type: 'audio', codec: config, timescale: config.sampleRate, bitrate: kbps(this.metadata, 'audiodatarate') });
      if (this.audio && this.audio.config.sampleRate === config.sampleRate) {
        this.audio.fragmenter.setVersion(track.version);
        this.audio = { ...this.audio, track, config };
      } else {
        this.audio?.fragmenter.flush();
        const fragmenter = new AudioFragmenter({
          trackId: track.id,
          timescale: config.sampleRate,
          frameDuration: config.samplesPerFrame,
          clock: this.target.segmentClock,
          emit: (f) => this.target.addFragment(f, this.encoder.id),
        });
        fragmenter.setVersion(track.version);
        if (this.metadataSaysAudioOnly()) fragmenter.leadAlone();
        this.audio = { track, config, fragmenter };
      }
      return;
    }
    if (packet.kind !== 'frame') return;
    const a = this.audio;
    if (!a) return this.warnOnce('audio frames before the AAC sequence header are dropped');
    const ms = this.mediaMs(timestampMs);
    a.firstMs ??= ms;
    if (!this.video && a.fragmenter.following && ms - a.firstMs >= AUDIO_ALONE_AFTER_MS) a.fragmenter.leadAlone();
    const rate = a.config.sampleRate;
    const fromClock = (BigInt(ms) * BigInt(rate) + 500n) / 1000n;
    const spf = BigInt(a.config.samplesPerFrame);
    const drift = a.next === undefined ? spf : a.next - fromClock;
    const decodeTime = a.next !== undefined && drift < spf && drift > -spf ? a.next : fromClock;
    a.next = decodeTime + spf;
    a.fragmenter.push({ decodeTime, compositionOffset: 0, sync: true, data: packet.data });
  }

  onEnd(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    // Leave first: a redundant partner still publishing delivers the fragment cut short here.
    this.target.leave(this.source, this.encoder.id);
    this.video?.fragmenter.flush();
    this.audio?.fragmenter.flush();
    this.log.info({ reason }, 'publish ended');
  }

  /** Channel media time in ms for an RTMP timestamp; the first one places this source. */
  private mediaMs(timestampMs: number): number {
    this.placement ??= this.target.joinTimeline(this.source, timestampMs, this.encoder);
    return timestampMs + this.placement.offsetMs;
  }

  private metadataSaysAudioOnly(): boolean {
    return Object.keys(this.metadata).length > 0 && this.metadata.videocodecid === undefined && this.metadata.width === undefined;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log.warn(message);
  }
}

function numberField(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** onMetaData bit rates are in kbit/s. */
function kbps(o: Record<string, unknown>, key: string): number {
  const v = numberField(o, key);
  return v === undefined ? 0 : Math.round(v * 1000);
}
