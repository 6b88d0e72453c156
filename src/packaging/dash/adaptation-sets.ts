import { isVideoCodec } from '../../model/codec.js';
import type { DashFormat } from './dash-format.js';
import type { ListedTimeline } from './listed-timeline.js';
import { representation } from './representation.js';
import { segmentsAligned } from './segments-aligned.js';
import { startTag } from './xml-element.js';

export interface AdaptationSetsOptions {
  video: readonly ListedTimeline[];
  audio: readonly ListedTimeline[];
  format: DashFormat;
  staticPeriod: boolean;
  indent: string;
}

/**
 * The Period's AdaptationSets: one for all video of one codec (a client switches between them;
 * DASH-IF IOP wants GOP-aligned encoder output, which segmentAlignment then declares, and one
 * codec family per AdaptationSet, IOP v4.3 §3.2.13: H.264 and HEVC get one each), then one audio
 * AdaptationSet per language. Every fragment starts with a sync sample: startWithSAP=1. Representations of one AdaptationSet must be perceptually
 * interchangeable (ISO 23009-1 §5.3.3.1), so two languages never share one.
 */
export function adaptationSets(o: AdaptationSetsOptions): string[] {
  const lines: string[] = [];
  const reps = (list: readonly ListedTimeline[]) =>
    list.flatMap((timeline) => representation({ timeline, format: o.format, staticPeriod: o.staticPeriod, indent: `${o.indent}  ` }));
  let id = 0;
  for (const group of byVideoCodec(o.video).values()) {
    const dims = group.map((t) => t.track.codec).flatMap((c) => (isVideoCodec(c) ? [c] : []));
    lines.push(
      o.indent +
        startTag('AdaptationSet', [
          ['id', id++],
          ['contentType', 'video'],
          ['mimeType', 'video/mp4'],
          ['segmentAlignment', segmentsAligned(group) ? 'true' : undefined],
          ['startWithSAP', 1],
          ['maxWidth', dims.length > 0 ? Math.max(...dims.map((c) => c.width)) : undefined],
          ['maxHeight', dims.length > 0 ? Math.max(...dims.map((c) => c.height)) : undefined],
        ]),
      ...reps(group),
      `${o.indent}</AdaptationSet>`,
    );
  }
  for (const [lang, group] of byLanguage(o.audio)) {
    lines.push(
      o.indent +
        startTag('AdaptationSet', [
          ['id', id++],
          ['contentType', 'audio'],
          ['mimeType', 'audio/mp4'],
          ['lang', lang],
          ['segmentAlignment', segmentsAligned(group) ? 'true' : undefined],
          ['startWithSAP', 1],
        ]),
      ...reps(group),
      `${o.indent}</AdaptationSet>`,
    );
  }
  return lines;
}

/** Groups video by codec kind (h264, h265) in order of first appearance. */
function byVideoCodec(video: readonly ListedTimeline[]): Map<string, ListedTimeline[]> {
  const groups = new Map<string, ListedTimeline[]>();
  for (const t of video) {
    const group = groups.get(t.track.codec.kind);
    if (group) group.push(t);
    else groups.set(t.track.codec.kind, [t]);
  }
  return groups;
}

/** Groups by language in order of first appearance; unknown language is its own group. */
function byLanguage(audio: readonly ListedTimeline[]): Map<string | undefined, ListedTimeline[]> {
  const groups = new Map<string | undefined, ListedTimeline[]>();
  for (const t of audio) {
    const lang = t.track.language;
    const group = groups.get(lang);
    if (group) group.push(t);
    else groups.set(lang, [t]);
  }
  return groups;
}
