import type { Logger } from 'pino';
import type { IngestTarget } from '../../ingest/ingest-target.js';
import { RtmpPublishAdapter } from '../../ingest/rtmp/rtmp-publish-adapter.js';
import type { ManualClock } from '../../model/time.js';
import { AAC_LC_48K_STEREO_ASC, testAvcC, type TestPictureSize } from './test-codecs.js';

export interface SyntheticRendition {
  /** The RTMP stream name of this rendition's publish. */
  stream: string;
  size: TestPictureSize;
  videoKbps: number;
  /** The rendition that carries the encoder's audio (AAC-LC 48 kHz stereo) says at what rate. */
  audioKbps?: number;
}

const FPS = 30;
const GOP_FRAMES = 60;
const AAC_FRAME_SAMPLES = 1024;
const SAMPLE_RATE = 48000;

/**
 * A multi-bitrate RTMP encoder (OBS or ffmpeg with one publish per rendition, CONTRACT §3) as
 * the RTMP session hands it to the ingest: onMetaData, the AVC and AAC sequence headers, then
 * access units with integer-millisecond timestamps from 0, 30 fps video with a key frame every
 * 2 s on every rendition, and AAC frames of 1024 samples at 48 kHz interleaved by timestamp the
 * way an FLV muxer writes them. Each publish goes through the real RtmpPublishAdapter, so the
 * channel's fragmenters, segment clock and timeline placement do the rest. Access units are
 * zero bytes sized to the declared bit rate: only their sizes and times reach a manifest.
 *
 * The manual clock follows the stream: before each frame it reads the wall-clock time at which
 * that frame is sent (the instant the encoder connected plus its timestamp).
 */
export class SyntheticEncoder {
  private readonly adapters: { rendition: SyntheticRendition; adapter: RtmpPublishAdapter; frameBytes: number }[];
  private readonly connectedAt: number;
  private nextVideo = 0;
  private nextAudio = 0;
  private readonly audioFrameBytes: number;
  private readonly zeros: Uint8Array;

  constructor(
    target: IngestTarget,
    private readonly clock: ManualClock,
    renditions: readonly SyntheticRendition[],
    log: Logger,
    id = 'encoder',
  ) {
    this.connectedAt = clock.now();
    const audioKbps = renditions.find((r) => r.audioKbps !== undefined)?.audioKbps ?? 0;
    this.audioFrameBytes = Math.round((audioKbps * 1000) / 8 / (SAMPLE_RATE / AAC_FRAME_SAMPLES));
    this.adapters = renditions.map((rendition) => {
      const encoder = { id: `${id}/${rendition.stream}`, role: 'primary' as const, remoteAddress: '127.0.0.1', protocol: 'rtmp' as const };
      const adapter = new RtmpPublishAdapter(target, rendition.stream, log, encoder);
      const size = rendition.size === '720p' ? { width: 1280, height: 720 } : { width: 640, height: 360 };
      adapter.onMetadata({ ...size, framerate: FPS, videocodecid: 7, videodatarate: rendition.videoKbps, ...(rendition.audioKbps ? { audiocodecid: 10, audiodatarate: rendition.audioKbps } : {}) });
      adapter.onVideo(0, { kind: 'config', codec: 'avc', data: testAvcC(rendition.size) });
      if (rendition.audioKbps !== undefined) adapter.onAudio(0, { kind: 'config', codec: 'aac', data: AAC_LC_48K_STEREO_ASC });
      return { rendition, adapter, frameBytes: Math.round((rendition.videoKbps * 1000) / 8 / FPS) };
    });
    this.zeros = new Uint8Array(Math.max(this.audioFrameBytes, ...this.adapters.map((a) => a.frameBytes)));
  }

  /** The encoder's timestamp (ms) of the next video frame. */
  get timestampMs(): number {
    return videoMs(this.nextVideo);
  }

  /** Sends every frame whose timestamp is below `untilMs` (encoder time). */
  sendUntil(untilMs: number): void {
    while (videoMs(this.nextVideo) < untilMs) {
      const ms = videoMs(this.nextVideo);
      this.clock.set(this.connectedAt + ms);
      for (; audioMs(this.nextAudio) <= ms; this.nextAudio++) {
        for (const a of this.adapters) {
          if (a.rendition.audioKbps !== undefined) a.adapter.onAudio(audioMs(this.nextAudio), { kind: 'frame', codec: 'aac', data: this.zeros.subarray(0, this.audioFrameBytes) });
        }
      }
      const keyframe = this.nextVideo % GOP_FRAMES === 0;
      for (const a of this.adapters) {
        a.adapter.onVideo(ms, { kind: 'frame', codec: 'avc', keyframe, compositionTime: 0, data: this.zeros.subarray(0, a.frameBytes) });
      }
      this.nextVideo++;
    }
  }

  /** The encoder disconnects: every publish ends, the fragments it had open are flushed. */
  end(reason = 'unpublished'): void {
    for (const a of this.adapters) a.adapter.onEnd(reason);
  }
}

/** RTMP timestamps are integer milliseconds, truncated. */
function videoMs(frame: number): number {
  return Math.floor((frame * 1000) / FPS);
}

function audioMs(frame: number): number {
  return Math.floor((frame * AAC_FRAME_SAMPLES * 1000) / SAMPLE_RATE);
}
