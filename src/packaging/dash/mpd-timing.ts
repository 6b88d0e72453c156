import type { Presentation } from '../../model/presentation.js';
import type { ListedTimeline } from './listed-timeline.js';
import type { XmlAttributes } from './xml-element.js';
import { msToXsDuration, ticksToMs } from './xs-duration.js';

/**
 * The MPD element's timing attributes (ISO 23009-1 §5.3.1.2; DASH-IF timing model).
 *
 * Dynamic: AST is the presentation's fixed media-time-0 instant, so it never changes between
 * updates (formats.md §0 rule 10) and no presentationTimeOffset is needed; publishTime is the
 * snapshot time; the client refetches every segment duration; suggestedPresentationDelay keeps
 * it about three segments behind the edge (DASH-IF IOP's common choice).
 * Static: only mediaPresentationDuration, as the DASH-IF schematron requires, and no
 * timeShiftBufferDepth.
 */
export function mpdTiming(p: Presentation, timelines: readonly ListedTimeline[]): XmlAttributes {
  const target = p.targetSegmentMs;
  let spanMs = 0;
  let maxSegmentMs = 0;
  for (const { track, entries } of timelines) {
    const last = entries[entries.length - 1];
    spanMs = Math.max(spanMs, ticksToMs(last.decodeTime + BigInt(last.duration) - entries[0].decodeTime, track.timescale));
    for (const e of entries) maxSegmentMs = Math.max(maxSegmentMs, ceilMs(e.duration, track.timescale));
  }
  const common: XmlAttributes = [
    ['maxSegmentDuration', msToXsDuration(maxSegmentMs || target)],
    ['minBufferTime', msToXsDuration(target)],
  ];
  if (p.ended) return [['type', 'static'], ['mediaPresentationDuration', msToXsDuration(spanMs)], ...common];
  return [
    ['type', 'dynamic'],
    ['availabilityStartTime', new Date(p.availabilityStartTime).toISOString()],
    ['publishTime', new Date(p.snapshotTime).toISOString()],
    ['minimumUpdatePeriod', msToXsDuration(target)],
    ['timeShiftBufferDepth', msToXsDuration(p.dvrWindowMs ?? Math.max(spanMs, 3 * target))],
    ['suggestedPresentationDelay', msToXsDuration(3 * target)],
    ...common,
  ];
}

/** maxSegmentDuration must not understate any segment, so round up to whole milliseconds. */
function ceilMs(ticks: number, timescale: number): number {
  return Math.ceil((ticks * 1000) / timescale);
}
