import type { AacConfig, NalVideoCodecConfig } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';

/** One track's samples for a segment: decode time of the first sample in `timescale` ticks. */
export interface TsTrackInput<C> {
  config: C;
  timescale: number;
  decodeTime: bigint;
  samples: readonly Sample[];
}

/** A segment holds a video track, an audio track, or both (muxed into one program). */
export interface TsSegmentInput {
  video?: TsTrackInput<NalVideoCodecConfig>;
  audio?: TsTrackInput<AacConfig>;
}
