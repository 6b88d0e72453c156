import type { CodecConfig } from '../../model/codec.js';
import type { TrackType } from '../../model/track.js';
import { TributaryError } from '../../util/errors.js';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';
import { boxPayload, boxReader, childBoxes, findBox, readBoxes, requireBox } from './box-reader.js';
import { findDecoderSpecificInfo } from './descriptors.js';
import type { SampleDefaults } from './fragment-reader.js';
import { unpackLanguage } from './language.js';

export interface InitSegmentInfo {
  trackId: number;
  type: TrackType;
  timescale: number;
  /** ISO 639-2/T code from mdhd ('und' when unspecified). */
  language: string;
  codec: CodecConfig;
  /** trex defaults, to pass to readFragment. */
  defaults: SampleDefaults;
}

/** Bytes of SampleEntry + VisualSampleEntry / AudioSampleEntry fields before child boxes (§12.1.3, §12.2.3). */
const VISUAL_ENTRY_FIELDS = 78;
const AUDIO_ENTRY_FIELDS = 28;

/** Reads the first track of an init segment (ftyp + moov): enough to check or reuse one. */
export function readInitSegment(bytes: Uint8Array): InitSegmentInfo {
  const moov = childBoxes(requireBox(readBoxes(bytes), 'moov', 'init segment'));
  const trak = childBoxes(requireBox(moov, 'trak', 'moov'));
  const tkhd = boxReader(requireBox(trak, 'tkhd', 'trak'));
  const tkhdVersion = tkhd.u32('version and flags') >>> 24;
  tkhd.skip(tkhdVersion === 1 ? 16 : 8, 'creation and modification times');
  const trackId = tkhd.u32('track_ID');
  const mdia = childBoxes(requireBox(trak, 'mdia', 'trak'));
  const mdhd = boxReader(requireBox(mdia, 'mdhd', 'mdia'));
  const mdhdVersion = mdhd.u32('version and flags') >>> 24;
  mdhd.skip(mdhdVersion === 1 ? 16 : 8, 'creation and modification times');
  const timescale = mdhd.u32('timescale');
  mdhd.skip(mdhdVersion === 1 ? 8 : 4, 'duration');
  const language = unpackLanguage(mdhd.u16('language'));
  const hdlr = boxReader(requireBox(mdia, 'hdlr', 'mdia'));
  hdlr.skip(8, 'version, flags and pre_defined');
  const handler = hdlr.ascii(4, 'handler_type');
  if (handler !== 'vide' && handler !== 'soun') throw new TributaryError('ERR_MEDIA', `init segment: handler '${handler}' is not vide or soun`);

  const minf = childBoxes(requireBox(mdia, 'minf', 'mdia'));
  const stbl = childBoxes(requireBox(minf, 'stbl', 'minf'));
  const entries = childBoxes(requireBox(stbl, 'stsd', 'stbl'), 8);
  const entry = entries[0];
  if (!entry) throw new TributaryError('ERR_MEDIA', 'init segment: stsd has no sample entry');
  let codec: CodecConfig;
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    codec = h264ConfigFromAvcC(boxPayload(requireBox(childBoxes(entry, VISUAL_ENTRY_FIELDS), 'avcC', entry.type)));
  } else if (entry.type === 'mp4a') {
    const esds = boxReader(requireBox(childBoxes(entry, AUDIO_ENTRY_FIELDS), 'esds', 'mp4a'));
    esds.skip(4, 'version and flags');
    codec = aacConfigFromAsc(findDecoderSpecificInfo(esds));
  } else {
    throw new TributaryError('ERR_MEDIA', `init segment: sample entry '${entry.type}' is not supported`);
  }

  const defaults: SampleDefaults = {};
  const mvex = findBox(moov, 'mvex');
  const trex = mvex && findBox(childBoxes(mvex), 'trex');
  if (trex) {
    const r = boxReader(trex);
    r.skip(12, 'version, flags, track_ID and sample description index');
    defaults.duration = r.u32('default_sample_duration');
    defaults.size = r.u32('default_sample_size');
    defaults.flags = r.u32('default_sample_flags');
  }
  return { trackId, type: handler === 'vide' ? 'video' : 'audio', timescale, language, codec, defaults };
}
