import type { Track } from '../../model/track.js';
import { timelineRuns, type TimelineEntry } from '../../model/timeline.js';
import { initName, segmentName } from '../playback-path.js';
import type { DashFormat } from './dash-format.js';
import { startTag } from './xml-element.js';

export interface SegmentTemplateOptions {
  track: Track;
  entries: readonly TimelineEntry[];
  format: DashFormat;
  /** Static MPDs start each Representation at period time 0 (ISO 23009-1 §5.3.9.2). */
  presentationTimeOffset?: bigint;
  indent: string;
}

/**
 * A SegmentTemplate with a `$Time$` SegmentTimeline (ISO 23009-1 §5.3.9.4–6). The URL templates
 * are built by the same functions that name the files (playback-path.ts), with the template
 * identifiers standing in for the id and the time, so `$Time$` = S@t = the fragment's decode
 * time is exactly the URL the origin serves (formats.md §0 rule 8). `$Bandwidth$` expands to
 * Representation@bandwidth, the track bitrate of the `QualityLevels(…)` directory.
 */
export function segmentTemplate(o: SegmentTemplateOptions): string[] {
  const dir = 'QualityLevels($Bandwidth$)/';
  const head = startTag('SegmentTemplate', [
    ['timescale', o.track.timescale],
    ['presentationTimeOffset', o.presentationTimeOffset?.toString()],
    ['initialization', dir + initName('$RepresentationID$', o.track.version, o.format)],
    ['media', dir + segmentName('$RepresentationID$', '$Time$', o.format)],
  ]);
  const inner = `${o.indent}    `;
  const lines = [o.indent + head, `${o.indent}  <SegmentTimeline>`];
  let nextStart: bigint | undefined;
  for (const run of timelineRuns(o.entries)) {
    // S@t is required on the first S and after a gap; otherwise it follows from the previous S.
    const t = run.start === nextStart ? undefined : run.start.toString();
    lines.push(inner + startTag('S', [['t', t], ['d', run.duration], ['r', run.repeat > 0 ? run.repeat : undefined]], true));
    nextStart = run.start + BigInt(run.duration) * BigInt(run.repeat + 1);
  }
  lines.push(`${o.indent}  </SegmentTimeline>`, `${o.indent}</SegmentTemplate>`);
  return lines;
}
