import type { DashFormat } from './dash-format.js';
import { isVideoCodec } from '../../model/codec.js';
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
 * The Period's AdaptationSets: one for all video (a client switches between them; DASH-IF IOP
 * wants GOP-aligned encoder output, which segmentAlignment then declares), then one audio
 * AdaptationSet per language. Every fragment starts with a sync sample: startWithSAP=1. Representations of one AdaptationSet must be perceptually
 * interchangeable (ISO 23009-1 §5.3.3.1), so two languages never share one.
 */
export function adaptationSets(o: AdaptationSetsOptions): string[] {
  const lines: string[] = [];
  const reps = (list: readonly ListedTimeline[]) =>
    list.flatMap((timeline) => representation({ timeline, format: o.format, staticPeriod: o.staticPeriod, indent: `${o.indent}  ` }));
  let id = 0;
  if (o.video.length > 0) {
    const dims = o.video.map((t) => t.track.codec).flatMap((c) => (isVideoCodec(c) ? [c] : []));
    lines.push(
      o.indent +
        startTag('AdaptationSet', [
          ['id', id++],
          ['contentType', 'video'],
          ['mimeType', 'video/mp4'],
          ['segmentAlignment', segmentsAligned(o.video) ? 'true' : undefined],
          ['startWithSAP', 1],
          ['maxWidth', dims.length > 0 ? Math.max(...dims.map((c) => c.width)) : undefined],
          ['maxHeight', dims.length > 0 ? Math.max(...dims.map((c) => c.height)) : undefined],
        ]),
      ...reps(o.video),
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
