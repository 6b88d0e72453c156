import type { AacConfig, NalVideoCodecConfig } from '../../model/codec.js';
import type { ElementaryFragment } from '../../model/elementary-fragment.js';

/** One track's samples for a segment. */
export type TsTrackInput<C> = ElementaryFragment<C>;

/** A segment holds a video track, an audio track, or both (muxed into one program). */
export interface TsSegmentInput {
  video?: TsTrackInput<NalVideoCodecConfig>;
  audio?: TsTrackInput<AacConfig>;
}
