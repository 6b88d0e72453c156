import type { Sample } from './sample.js';

/**
 * One track's samples of one stored fragment, read back for a format that muxes on request
 * (MPEG-TS, HDS's FLV tags): the decoder configuration of the fragment's track version, and the
 * decode time of the first sample in `timescale` ticks.
 */
export interface ElementaryFragment<C> {
  config: C;
  timescale: number;
  decodeTime: bigint;
  samples: readonly Sample[];
}
