import type { Presentation } from '../../model/presentation.js';
import { dashProfiles, type DashFormat } from './dash-format.js';
import { adaptationSets } from './adaptation-sets.js';
import { listedTimeline, type ListedTimeline } from './listed-entries.js';
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
 * Track version changes: each Representation lists only its newest version's entries (see
 * listed-entries.ts). Keeping the older ones would need one Period per version run, split at
 * the channel-wide `sequence` where the change happened, each Period with its own init and
 * presentationTimeOffset (formats.md §4.1 "Multi-period").
 */
export function renderMpd(p: Presentation, options: MpdOptions): string {
  const listed = (type: 'video' | 'audio'): ListedTimeline[] =>
    p.tracks.filter((t) => t.track.type === type).flatMap((t) => listedTimeline(t) ?? []);
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
