import { codecString } from '../../codecs/codec-string.js';
import { isVideoCodec } from '../../model/codec.js';
import type { DashFormat } from './dash-format.js';
import { dashFrameRate } from './frame-rate.js';
import type { ListedTimeline } from './listed-timeline.js';
import { segmentTemplate } from './segment-template.js';
import { startTag, type XmlAttributes } from './xml-element.js';

export interface RepresentationOptions {
  timeline: ListedTimeline;
  format: DashFormat;
  /** Set for static MPDs only: each Representation's first entry maps to period time 0. */
  staticPeriod: boolean;
  indent: string;
}

const CHANNEL_CONFIGURATION = 'urn:mpeg:dash:23003:3:audio_channel_configuration:2011';

/**
 * One Representation (ISO 23009-1 §5.3.5) with its own SegmentTemplate: tracks come from
 * different encoders and their timelines need not match, so the template is not shared at
 * AdaptationSet level. Children follow the schema order: AudioChannelConfiguration (from
 * RepresentationBaseType) before SegmentTemplate.
 */
export function representation(o: RepresentationOptions): string[] {
  const { track, entries } = o.timeline;
  const codec = track.codec;
  const attrs: XmlAttributes =
    isVideoCodec(codec)
      ? [
          ['width', codec.width],
          ['height', codec.height],
          ['frameRate', codec.frameRate === undefined ? undefined : dashFrameRate(codec.frameRate)],
          ['sar', `${codec.sarWidth}:${codec.sarHeight}`],
        ]
      : [['audioSamplingRate', codec.sampleRate]];
  const lines = [o.indent + startTag('Representation', [['id', track.id], ['bandwidth', track.bitrate], ['codecs', codecString(codec)], ...attrs])];
  const inner = `${o.indent}  `;
  if (codec.kind === 'aac') {
    lines.push(inner + startTag('AudioChannelConfiguration', [['schemeIdUri', CHANNEL_CONFIGURATION], ['value', codec.channels]], true));
  }
  const presentationTimeOffset = o.staticPeriod ? entries[0].decodeTime : undefined;
  lines.push(...segmentTemplate({ track, entries, format: o.format, presentationTimeOffset, indent: inner }));
  lines.push(`${o.indent}</Representation>`);
  return lines;
}
