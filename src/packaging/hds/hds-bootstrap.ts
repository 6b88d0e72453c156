import type { Presentation } from '../../model/presentation.js';
import { rescale } from '../../model/time.js';
import type { Bootstrap, FragmentRun } from './abst-box.js';
import { HDS_SEGMENT } from './hds-path.js';
import type { HdsStream } from './hds-streams.js';

/** FLV timestamps are milliseconds, so the bootstrap counts in them too. */
export const HDS_TIMESCALE = 1000;

/**
 * The bootstrap of one rendition: every fragment of the window, numbered by its sequence and
 * timed in ms. Contiguous fragments of equal duration share a fragment run; a time jump
 * (encoder reconnect) or a missing number starts a new one, so each fragment keeps its exact
 * start. The segment run table has one segment holding all the window's fragments: HDS
 * clients number fragments from the first fragment run and count them from the segment run
 * (yt-dlp f4m.py `build_fragments_list`), and a live client downloads the newest two.
 * An ended presentation ends with the end-of-presentation marker (duration 0, indicator 0).
 */
export function hdsBootstrap(p: Presentation, stream: HdsStream): Bootstrap {
  const { track, entries } = stream.main;
  const ms = (t: bigint) => rescale(t, track.timescale, HDS_TIMESCALE);
  const runs: FragmentRun[] = [];
  let count = 0;
  let end = 0n;
  for (const e of entries) {
    const start = ms(e.decodeTime);
    end = ms(e.decodeTime + BigInt(e.duration));
    const duration = Number(end - start);
    const last = runs[runs.length - 1];
    if (last && last.duration === duration && last.firstFragment + count === e.sequence && last.firstTimestamp + BigInt(duration * count) === start) {
      count++;
    } else {
      runs.push({ firstFragment: e.sequence, firstTimestamp: start, duration });
      count = 1;
    }
  }
  if (p.ended && entries.length > 0) runs.push({ firstFragment: entries[entries.length - 1].sequence + 1, firstTimestamp: end, duration: 0, discontinuity: 0 });
  return {
    version: p.version,
    live: !p.ended,
    timescale: HDS_TIMESCALE,
    currentMediaTime: end,
    movieIdentifier: track.id,
    segmentRuns: [{ firstSegment: HDS_SEGMENT, fragmentsPerSegment: entries.length }],
    fragmentRuns: runs,
  };
}
