import { isVideoCodec, type CodecConfig, type VideoCodecConfig } from '../../model/codec.js';
import type { Presentation } from '../../model/presentation.js';
import { timelineRuns } from '../../model/timeline.js';
import { startTag, type XmlAttributes } from '../dash/xml-element.js';
import { carriedInSmooth } from './carried-in-smooth.js';
import { codecPrivateData, qualityLevelFourCC } from './quality-level-codec.js';
import { smoothStreams, type SmoothChunk, type SmoothStream } from './smooth-streams.js';
import { SMOOTH_TIMESCALE } from './smooth-time.js';

/**
 * How many later fragments each live fragment announces in its tfrf, and how many of the
 * newest fragments a live manifest therefore holds back (MS-SSTR §2.2.2.1 LookaheadCount,
 * §2.2.4.5): the IIS/Azure pattern (formats.md §2.3). dash.js never re-reads a live manifest and
 * grows its timeline only from tfrf; holding back two fragments means every fragment a player
 * learns from the manifest already has successors to announce, so the chain never breaks.
 */
export const SMOOTH_LOOKAHEAD = 2;

/**
 * The Smooth Streaming client manifest (MS-SSTR §2.2.2) behind `{name}.ism/manifest`: one
 * StreamIndex per group of video tracks that share a timeline and one per audio track
 * (smooth-streams.ts), every time in 10 MHz ticks (smooth-time.ts), URLs relative to `.ism/`.
 *
 * Live: IsLive TRUE, Duration 0, DVRWindowLength the window (0 = unbounded), and the newest
 * SMOOTH_LOOKAHEAD fragments of each StreamIndex left out. Ended: IsLive FALSE, Duration the
 * listed span, and no DVRWindowLength or lookahead attributes: dash.js reads DVRWindowLength 0
 * with CanSeek TRUE on a non-live manifest as "start-over" and then demands a tfrf in every
 * fragment (MssParser processManifest, MssFragmentMoofProcessor processTfrf).
 *
 * A StreamIndex with no fragment to list (the first seconds of a live channel) is left out.
 * A track of a codec Smooth cannot describe (AV1, carried-in-smooth.ts) has no StreamIndex; an
 * XML comment in its place says so, which clients ignore (MS-SSTR §2.2.2 is an XML document).
 */
export function renderSmoothManifest(p: Presentation): string {
  const live = !p.ended;
  const listed = smoothStreams(p)
    .map((s) => ({ stream: s, chunks: live ? s.chunks.slice(0, Math.max(0, s.chunks.length - SMOOTH_LOOKAHEAD)) : s.chunks }))
    .filter((s) => s.chunks.length > 0);
  let duration = 0n;
  if (!live) {
    for (const { chunks } of listed) {
      const last = chunks[chunks.length - 1];
      const span = last.time + BigInt(last.duration) - chunks[0].time;
      if (span > duration) duration = span;
    }
  }
  const root: XmlAttributes = [
    ['MajorVersion', 2],
    // MinorVersion 2: what IIS/Azure write on manifests that use `c@r`.
    ['MinorVersion', 2],
    ['TimeScale', SMOOTH_TIMESCALE],
    ['Duration', duration.toString()],
    ['IsLive', live ? 'TRUE' : 'FALSE'],
    // MS-SSTR §2.2.2.1 spells it LookAheadFragmentCount; IIS and ExoPlayer read LookaheadCount.
    ['LookAheadFragmentCount', live ? SMOOTH_LOOKAHEAD : undefined],
    ['LookaheadCount', live ? SMOOTH_LOOKAHEAD : undefined],
    ['DVRWindowLength', live ? (p.dvrWindowMs === undefined ? 0 : p.dvrWindowMs * (SMOOTH_TIMESCALE / 1000)) : undefined],
    ['CanSeek', 'TRUE'],
    ['CanPause', 'TRUE'],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    startTag('SmoothStreamingMedia', root),
    ...leftOut(p),
    ...listed.flatMap(({ stream, chunks }) => streamIndex(stream, chunks)),
    '</SmoothStreamingMedia>',
    '',
  ].join('\n');
}

/** One XML comment per track left out for its codec. */
function leftOut(p: Presentation): string[] {
  return p.tracks
    .filter((pt) => !carriedInSmooth(pt.track.codec))
    .map((pt) => `  <!-- ${pt.track.type} track ${pt.track.id.replace(/-+/g, '-')} (${pt.track.codec.kind}) is not carried in Smooth Streaming: see HLS fMP4 or DASH -->`);
}

function streamIndex(s: SmoothStream, chunks: readonly SmoothChunk[]): string[] {
  const video = s.levels.flatMap((l) => (isVideoCodec(l.track.codec) ? [l.track.codec] : []));
  const max = (f: (c: VideoCodecConfig) => number) => (video.length > 0 ? Math.max(...video.map(f)) : undefined);
  const attributes: XmlAttributes = [
    ['Type', s.type],
    ['Name', s.name],
    ['Language', s.type === 'audio' ? s.levels[0].track.language : undefined],
    ['Chunks', chunks.length],
    ['QualityLevels', s.levels.length],
    // The client substitutes {bitrate} with QualityLevel@Bitrate and {start time} with c@t (§2.2.2.3).
    ['Url', `QualityLevels({bitrate})/Fragments(${s.name}={start time})`],
    ['MaxWidth', max((c) => c.width)],
    ['MaxHeight', max((c) => c.height)],
    ['DisplayWidth', max((c) => Math.round((c.width * c.sarWidth) / c.sarHeight))],
    ['DisplayHeight', max((c) => c.height)],
  ];
  return [
    `  ${startTag('StreamIndex', attributes)}`,
    ...s.levels.map((l, index) => `    ${startTag('QualityLevel', qualityLevel(index, l.track.bitrate, l.track.codec), true)}`),
    ...chunkElements(chunks).map((c) => `    ${c}`),
    '  </StreamIndex>',
  ];
}

function qualityLevel(index: number, bitrate: number, codec: CodecConfig): XmlAttributes {
  // smoothStreams leaves such tracks out; a level here is one Smooth can describe.
  if (!carriedInSmooth(codec)) throw new Error(`Smooth manifest: no QualityLevel form for ${codec.kind}`);
  const common: XmlAttributes = [['Index', index], ['Bitrate', bitrate], ['FourCC', qualityLevelFourCC(codec)]];
  if (isVideoCodec(codec)) {
    return [
      ...common,
      ['MaxWidth', codec.width],
      ['MaxHeight', codec.height],
      ['CodecPrivateData', codecPrivateData(codec)],
      // 4 is the default (§2.2.2.5). dash.js ignores this attribute and always writes 4 into its avcC.
      ['NALUnitLengthField', codec.lengthSize === 4 ? undefined : codec.lengthSize],
    ];
  }
  return [
    ...common,
    ['SamplingRate', codec.sampleRate],
    ['Channels', codec.channels],
    ['BitsPerSample', 16],
    ['PacketSize', 4],
    // 255: AAC with its configuration in CodecPrivateData (the WAVE_FORMAT tag IIS writes).
    ['AudioTag', 255],
    ['CodecPrivateData', codecPrivateData(codec)],
  ];
}

/**
 * `c` elements (MS-SSTR §2.2.2.6): `t` on the first and after any gap, `d` always, and `r` for a
 * run of equal contiguous fragments. Unlike DASH S@r, Smooth `r` is the number of fragments in
 * the run, not the number of repeats: dash.js MssParser adds r − 1 after the first, as does
 * ExoPlayer's SsManifestParser.
 */
function chunkElements(chunks: readonly SmoothChunk[]): string[] {
  const entries = chunks.map((c) => ({ decodeTime: c.time, duration: c.duration, sequence: 0, trackVersion: 0, discontinuity: false, byteLength: 0 }));
  let end: bigint | undefined;
  return timelineRuns(entries).map((run) => {
    const t = run.start === end ? undefined : run.start.toString();
    end = run.start + BigInt(run.duration) * BigInt(run.repeat + 1);
    return startTag('c', [['t', t], ['d', run.duration], ['r', run.repeat > 0 ? run.repeat + 1 : undefined]], true);
  });
}
