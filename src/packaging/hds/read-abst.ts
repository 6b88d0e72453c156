import type { ByteReader } from '../../formats/bytes/byte-reader.js';
import { boxReader, readBoxes, requireBox } from '../../formats/mp4/box-reader.js';
import { TributaryError } from '../../util/errors.js';
import type { Bootstrap, FragmentRun, SegmentRun } from './abst-box.js';

/**
 * Reads an `abst` box back, in the order HDS clients read it (yt-dlp f4m.py `read_abst`,
 * F4V 10.1 Annex): the inverse of writeAbst for the round-trip tests and for checking what the
 * origin serves. Only the first segment and fragment run tables are kept, as clients do.
 */
export function readAbst(bytes: Uint8Array): Bootstrap {
  const r = boxReader(requireBox(readBoxes(bytes), 'abst', 'bootstrap'));
  r.u8('version');
  r.u24('flags');
  const version = r.u32('BootstrapinfoVersion');
  const live = (r.u8('Profile/Live/Update') & 0x20) !== 0;
  const timescale = r.u32('TimeScale');
  const currentMediaTime = r.u64('CurrentMediaTime');
  r.u64('SmpteTimeCodeOffset');
  const movieIdentifier = cString(r);
  for (let n = r.u8('ServerEntryCount'); n > 0; n--) cString(r);
  for (let n = r.u8('QualityEntryCount'); n > 0; n--) cString(r);
  cString(r); // DrmData
  cString(r); // MetaData
  const asrt = boxes(r, 'SegmentRunTableCount', 'asrt');
  const afrt = boxes(r, 'FragmentRunTableCount', 'afrt');
  return { version, live, timescale, currentMediaTime, movieIdentifier, segmentRuns: readAsrt(asrt), fragmentRuns: readAfrt(afrt) };
}

/** A count byte and that many boxes of `type`; returns a reader over the first one's payload. */
function boxes(r: ByteReader, field: string, type: string): ByteReader {
  const count = r.u8(field);
  if (count === 0) throw new TributaryError('ERR_MEDIA', `abst: no ${type} box`);
  let first: ByteReader | undefined;
  for (let i = 0; i < count; i++) {
    r.need(4, `${type} size`);
    const size = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, 4).getUint32(0);
    r.need(size, type);
    const [box] = readBoxes(r.bytes, r.pos, r.pos + size);
    if (box?.type !== type) throw new TributaryError('ERR_MEDIA', `abst: expected a ${type} box, found ${box?.type}`);
    first ??= boxReader(box);
    r.skip(size, type);
  }
  return first!;
}

function readAsrt(r: ByteReader): SegmentRun[] {
  r.u32('version/flags');
  for (let n = r.u8('QualityEntryCount'); n > 0; n--) cString(r);
  const runs: SegmentRun[] = [];
  for (let n = r.u32('SegmentRunEntryCount'); n > 0; n--) runs.push({ firstSegment: r.u32('FirstSegment'), fragmentsPerSegment: r.u32('FragmentsPerSegment') });
  return runs;
}

function readAfrt(r: ByteReader): FragmentRun[] {
  r.u32('version/flags');
  r.u32('TimeScale');
  for (let n = r.u8('QualityEntryCount'); n > 0; n--) cString(r);
  const runs: FragmentRun[] = [];
  for (let n = r.u32('FragmentRunEntryCount'); n > 0; n--) {
    const run: FragmentRun = { firstFragment: r.u32('FirstFragment'), firstTimestamp: r.u64('FirstFragmentTimestamp'), duration: r.u32('FragmentDuration') };
    if (run.duration === 0) run.discontinuity = r.u8('DiscontinuityIndicator');
    runs.push(run);
  }
  return runs;
}

function cString(r: ByteReader): string {
  let text = '';
  for (let c = r.u8('string'); c !== 0; c = r.u8('string')) text += String.fromCharCode(c);
  return text;
}
