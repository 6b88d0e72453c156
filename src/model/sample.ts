/**
 * A Frame is what ingest produces: a decode time but no duration yet. It becomes a Sample once
 * the next frame arrives (video) or from the codec's sample count (audio).
 *
 * Data has one canonical form: NAL units each prefixed by a big-endian length of the codec's
 * `lengthSize` bytes (H.264, HEVC), AV1 temporal units as low-overhead OBUs without temporal
 * delimiters (AV1-ISOBMFF §2.4), raw AAC access units without ADTS. Annex B and ADTS exist only in
 * the MPEG-TS writer.
 */
export interface Frame {
  /** Decode time in the track's timescale. */
  decodeTime: bigint;
  /** Presentation time minus decode time, in the track's timescale; may be negative. */
  compositionOffset: number;
  /** A sync sample (IDR for video; every AAC frame is one). */
  sync: boolean;
  data: Uint8Array;
}

export interface Sample {
  duration: number;
  compositionOffset: number;
  sync: boolean;
  data: Uint8Array;
}
