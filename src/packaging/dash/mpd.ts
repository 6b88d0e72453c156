import type { Presentation } from '../../model/presentation.js';
import { dashProfiles, type DashFormat } from './dash-format.js';
import { adaptationSets } from './adaptation-sets.js';
import { listedTimeline, periodStartSequence, type ListedTimeline } from './listed-timeline.js';
import { mpdTiming } from './mpd-timing.js';
import { startTag } from './xml-element.js';

export interface MpdOptions {
  format: DashFormat;
  /** Clock sources for the client, in order (DASH-IF IOP: a dynamic MPD needs at least one). */
  utcTiming: { scheme: string; value: string }[];
}

/**
 * The MPD behind `manifest(format=mpd-time-csf|mpd-time-cmaf)`: `$Time$` SegmentTimeline
 * addressing (ISO 23009-1 §5.3.9.6), one Representation per track, URLs relative to `.ism/`.
 *
 * One Period (id "0", start 0): media time 0 of every track is availabilityStartTime, so period
 * time equals media time while live. A static MPD instead starts each Representation at its
 * first listed entry through presentationTimeOffset, so playback starts at 0.
 *
 * Track version changes: the Period starts at the latest channel-wide `sequence` where any
 * track changed version (listed-timeline.ts), so one init per Representation is always right.
 * Keeping the older fragments would need one Period per version run, split at those sequences,
 * each with its own init URL and Period@start = the first fragment's media time, plus
 * presentationTimeOffset = its decode time (formats.md §4.1 "Multi-period"). A discontinuity
 * without a version change stays in this Period as a gap: the next S carries its own t.
 */
export function renderMpd(p: Presentation, options: MpdOptions): string {
  const from = periodStartSequence(p);
  const listed = (type: 'video' | 'audio'): ListedTimeline[] =>
    p.tracks.filter((t) => t.track.type === type).flatMap((t) => listedTimeline(t, from) ?? []);
  const video = listed('video');
  const audio = listed('audio');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    startTag('MPD', [['xmlns', 'urn:mpeg:dash:schema:mpd:2011'], ['profiles', dashProfiles(options.format)], ...mpdTiming(p, [...video, ...audio])]),
    `  ${startTag('Period', [['id', '0'], ['start', 'PT0S']])}`,
    ...adaptationSets({ video, audio, format: options.format, staticPeriod: p.ended, indent: '    ' }),
    '  </Period>',
    // Schema order puts UTCTiming after Period (ISO 23009-1 §5.3.1.2, Table 3).
    ...options.utcTiming.map((u) => `  ${startTag('UTCTiming', [['schemeIdUri', u.scheme], ['value', u.value]], true)}`),
    '</MPD>',
    '',
  ];
  return lines.join('\n');
}
