import type { PresentationTrack } from '../../model/presentation.js';
import { codecString } from '../../codecs/codec-string.js';
import { isVideoCodec } from '../../model/codec.js';
import { quotedString } from './quoted-string.js';
import type { Bandwidth } from './track-bandwidth.js';

export interface StreamInfOptions {
  /** The video track, or the audio track of an audio-only variant. */
  main: PresentationTrack;
  /** Audio carried in the variant or its rendition group (BANDWIDTH and CODECS include it). */
  audio: readonly PresentationTrack[];
  /** BANDWIDTH/AVERAGE-BANDWIDTH already summed over `main` and the largest audio. */
  bandwidth: Bandwidth;
  /** GROUP-ID of the EXT-X-MEDIA audio renditions, when the variant references one. */
  audioGroup?: string;
  uri: string;
  /**
   * Segments repeat the parameter sets in-band (MPEG-TS): HEVC is then `hev1`, not `hvc1`
   * (ISO 14496-15 §8.4.1: hvc1 promises parameter sets only in the sample entry).
   */
  inBandParameterSets?: boolean;
}

/**
 * One EXT-X-STREAM-INF tag and its URI line (RFC 8216 §4.3.4.2). CODECS must name every codec
 * of the variant and of its renditions (Apple authoring spec), de-duplicated.
 */
export function streamInf(o: StreamInfOptions): string[] {
  const codecs = [...new Set([o.main, ...o.audio].map((t) => variantCodec(t, o.inBandParameterSets === true)))];
  const attrs = [`BANDWIDTH=${o.bandwidth.peak}`, `AVERAGE-BANDWIDTH=${o.bandwidth.average}`, `CODECS=${quotedString(codecs.join(','))}`];
  const codec = o.main.track.codec;
  if (isVideoCodec(codec)) {
    attrs.push(`RESOLUTION=${codec.width}x${codec.height}`);
    if (codec.frameRate !== undefined && codec.frameRate > 0) attrs.push(`FRAME-RATE=${codec.frameRate.toFixed(3)}`);
  }
  if (o.audioGroup !== undefined) attrs.push(`AUDIO=${quotedString(o.audioGroup)}`);
  return [`#EXT-X-STREAM-INF:${attrs.join(',')}`, o.uri];
}

function variantCodec(t: PresentationTrack, inBand: boolean): string {
  const codec = codecString(t.track.codec);
  return inBand && t.track.codec.kind === 'h265' ? codec.replace(/^hvc1\./, 'hev1.') : codec;
}

/** Adds two bandwidths (a video and the audio played with it). */
export function sumBandwidth(a: Bandwidth, b: Bandwidth | undefined): Bandwidth {
  return b ? { peak: a.peak + b.peak, average: a.average + b.average } : a;
}
