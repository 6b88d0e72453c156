import type { CodecConfig } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { av1ConfigFromAv1C } from '../../codecs/av1/av1-config.js';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';
import { h265ConfigFromHvcC } from '../../codecs/hevc/h265-config.js';
import { boxPayload, boxReader, childBoxes, findBox, requireBox, type Mp4Box } from './box-reader.js';
import { findDecoderSpecificInfo } from './descriptors.js';
import type { SampleDefaults } from './fragment-reader.js';
import { unpackLanguage } from './language.js';

/** One `trak` of a movie, with its codec when the origin can carry it. */
export interface MovieTrack {
  /** tkhd track_ID: what tfhd names in each fragment. */
  trackId: number;
  /** hdlr handler_type: 'vide', 'soun', 'text', 'meta'… */
  handler: string;
  /** mdhd timescale: ticks per second of the track's times and durations. */
  timescale: number;
  /** ISO 639-2/T code from mdhd ('und' when unspecified). */
  language: string;
  /** The first sample entry's four-character code ('avc1', 'mp4a', 'hvc1'…), or '' without one. */
  sampleEntry: string;
  /** Present for H.264 (avc1/avc3 + avcC), HEVC (hvc1/hev1 + hvcC), AV1 (av01 + av1C) and AAC (mp4a + esds). */
  codec?: CodecConfig;
  /** Why `codec` is absent: a sentence for logs and error messages. */
  unsupported?: string;
  /** Visual sample entries only: the coded size the entry declares. */
  width?: number;
  height?: number;
}

export interface MovieInfo {
  tracks: MovieTrack[];
  /** trex defaults per track_ID (§8.8.3), for the fragments that follow. */
  defaults: Map<number, SampleDefaults>;
}

/** Bytes of SampleEntry + VisualSampleEntry / AudioSampleEntry fields before child boxes (§12.1.3, §12.2.3). */
const VISUAL_ENTRY_FIELDS = 78;
const AUDIO_ENTRY_FIELDS = 28;
const HEVC_ENTRIES = new Set(['hvc1', 'hev1']);

/**
 * Every track of a `moov` (ISO 14496-12 §8.3–8.5) and the mvex/trex defaults. Unlike
 * `readInitSegment`, which reads the single track of a CMAF init segment, this reads movies with
 * many tracks (a Smooth ingest stream carries several in one moov). A sample entry the origin
 * does not carry (text, anything else) is described in `unsupported` rather than
 * thrown, so the caller decides whether it is fatal; a malformed box is an ERR_MEDIA error.
 */
export function readMovieTracks(moov: Mp4Box): MovieInfo {
  const children = childBoxes(moov);
  const tracks = children.filter((b) => b.type === 'trak').map(readTrak);
  const defaults = new Map<number, SampleDefaults>();
  const mvex = findBox(children, 'mvex');
  for (const trex of mvex ? childBoxes(mvex).filter((b) => b.type === 'trex') : []) {
    const r = boxReader(trex);
    r.skip(4, 'version and flags');
    const trackId = r.u32('track_ID');
    r.skip(4, 'default_sample_description_index');
    defaults.set(trackId, { duration: r.u32('default_sample_duration'), size: r.u32('default_sample_size'), flags: r.u32('default_sample_flags') });
  }
  return { tracks, defaults };
}

function readTrak(trakBox: Mp4Box): MovieTrack {
  const trak = childBoxes(trakBox);
  const tkhd = boxReader(requireBox(trak, 'tkhd', 'trak'));
  const tkhdVersion = tkhd.u32('version and flags') >>> 24;
  tkhd.skip(tkhdVersion === 1 ? 16 : 8, 'creation and modification times');
  const trackId = tkhd.u32('track_ID');
  const mdia = childBoxes(requireBox(trak, 'mdia', 'trak'));
  const mdhd = boxReader(requireBox(mdia, 'mdhd', 'mdia'));
  const mdhdVersion = mdhd.u32('version and flags') >>> 24;
  mdhd.skip(mdhdVersion === 1 ? 16 : 8, 'creation and modification times');
  const timescale = mdhd.u32('timescale');
  if (timescale === 0) throw new TributaryError('ERR_MEDIA', `moov: track ${trackId} has timescale 0`);
  mdhd.skip(mdhdVersion === 1 ? 8 : 4, 'duration');
  const language = unpackLanguage(mdhd.u16('language'));
  const hdlr = boxReader(requireBox(mdia, 'hdlr', 'mdia'));
  hdlr.skip(8, 'version, flags and pre_defined');
  const handler = hdlr.ascii(4, 'handler_type');

  const minf = childBoxes(requireBox(mdia, 'minf', 'mdia'));
  const stbl = childBoxes(requireBox(minf, 'stbl', 'minf'));
  const stsd = requireBox(stbl, 'stsd', 'stbl');
  const entry = childBoxes(stsd, 8)[0];
  const track: MovieTrack = { trackId, handler, timescale, language, sampleEntry: entry?.type ?? '' };
  if (!entry) return { ...track, unsupported: `track ${trackId} has no sample entry` };
  return { ...track, ...readSampleEntry(entry, handler, trackId) };
}

function readSampleEntry(entry: Mp4Box, handler: string, trackId: number): Partial<MovieTrack> {
  const where = `track ${trackId} ('${entry.type}')`;
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    if (handler !== 'vide') return { unsupported: `${where} is H.264 under handler '${handler}'` };
    const avcC = requireBox(childBoxes(entry, VISUAL_ENTRY_FIELDS), 'avcC', entry.type);
    return { codec: h264ConfigFromAvcC(boxPayload(avcC)), ...visualSize(entry) };
  }
  if (entry.type === 'mp4a') {
    if (handler !== 'soun') return { unsupported: `${where} is MPEG-4 audio under handler '${handler}'` };
    const esds = boxReader(requireBox(childBoxes(entry, AUDIO_ENTRY_FIELDS), 'esds', 'mp4a'));
    esds.skip(4, 'version and flags');
    const dc = findDecoderSpecificInfo(esds);
    return { codec: aacConfigFromAsc(dc) };
  }
  if (HEVC_ENTRIES.has(entry.type)) {
    // hvc1/hev1 + hvcC (ISO 14496-15 §8.4.1). The picture size comes from the visual fields,
    // since the SPS is not parsed.
    if (handler !== 'vide') return { unsupported: `${where} is HEVC under handler '${handler}'` };
    const size = visualSize(entry);
    const hvcC = childBoxes(entry, VISUAL_ENTRY_FIELDS).find((b) => b.type === 'hvcC');
    if (!hvcC) return { ...size, unsupported: `${where} is HEVC ${size.width}x${size.height} without hvcC` };
    return { codec: h265ConfigFromHvcC(boxPayload(hvcC), size), ...size };
  }
  if (entry.type === 'av01') {
    // av01 + av1C (AV1-ISOBMFF §2.2); the sequence header in configOBUs gives the size, else the visual fields.
    if (handler !== 'vide') return { unsupported: `${where} is AV1 under handler '${handler}'` };
    const size = visualSize(entry);
    const av1C = childBoxes(entry, VISUAL_ENTRY_FIELDS).find((b) => b.type === 'av1C');
    if (!av1C) return { ...size, unsupported: `${where} is AV1 ${size.width}x${size.height} without av1C` };
    return { codec: av1ConfigFromAv1C(boxPayload(av1C), size), ...size };
  }
  return { unsupported: `${where}: sample entry '${entry.type}' under handler '${handler}' is not supported` };
}

function visualSize(entry: Mp4Box): { width: number; height: number } {
  const r = boxReader(entry);
  r.skip(24, 'SampleEntry and VisualSampleEntry reserved fields');
  return { width: r.u16('width'), height: r.u16('height') };
}
