import type { ByteReader } from '../bytes/byte-reader.js';
import type { Sample } from '../../model/sample.js';
import { TributaryError } from '../../util/errors.js';
import { boxReader, childBoxes, readBoxes, requireBox, type Mp4Box } from './box-reader.js';
import { isSyncFlags } from './sample-flags.js';

/** Sample defaults from the init segment's trex (§8.8.3), used when tfhd and trun are silent. */
export interface SampleDefaults {
  duration?: number;
  size?: number;
  flags?: number;
}

export interface ReadFragment {
  sequenceNumber: number;
  decodeTime: bigint;
  /** Sample data are views into the input bytes, not copies. */
  samples: Sample[];
}

/**
 * Reads the samples back out of fMP4 bytes (ISO 14496-12 §8.8): `[styp] [sidx…] moof mdat`,
 * one traf per moof. Several moof/mdat pairs are joined when their decode times are contiguous.
 * Every count and offset is checked against the input, so malformed bytes give an ERR_MEDIA
 * error rather than a huge allocation or an out-of-range view.
 */
export function readFragment(bytes: Uint8Array, defaults: SampleDefaults = {}): ReadFragment {
  const moofs = readBoxes(bytes).filter((b) => b.type === 'moof');
  if (moofs.length === 0) throw fail('no moof box');
  let result: ReadFragment | undefined;
  let end = 0n;
  for (const moof of moofs) {
    const part = readMoof(moof, defaults);
    if (!result) result = part;
    else if (part.decodeTime !== end) throw fail(`moof at ${moof.start} starts at ${part.decodeTime}, not at ${end}`);
    else for (const s of part.samples) result.samples.push(s);
    end = part.decodeTime + sum(part.samples);
  }
  return result as ReadFragment;
}

const sum = (samples: readonly Sample[]) => samples.reduce((n, s) => n + BigInt(s.duration), 0n);
const fail = (what: string) => new TributaryError('ERR_MEDIA', `fMP4 fragment: ${what}`);

/** tfhd flags (§8.8.7.1). */
const BASE_DATA_OFFSET = 0x1;
const SAMPLE_DESCRIPTION_INDEX = 0x2;
const DEFAULT_DURATION = 0x8;
const DEFAULT_SIZE = 0x10;
const DEFAULT_FLAGS = 0x20;

function readMoof(moof: Mp4Box, trex: SampleDefaults): ReadFragment {
  const children = childBoxes(moof);
  const mfhd = boxReader(requireBox(children, 'mfhd', 'moof'));
  mfhd.skip(4, 'version and flags');
  const sequenceNumber = mfhd.u32('sequence_number');
  const trafs = children.filter((b) => b.type === 'traf');
  if (trafs.length !== 1) throw fail(`expected one traf per moof, found ${trafs.length}`);
  const traf = childBoxes(trafs[0]);

  const tfhd = boxReader(requireBox(traf, 'tfhd', 'traf'));
  const tfhdFlags = tfhd.u32('version and flags') & 0xffffff;
  tfhd.u32('track_ID');
  // Data offsets count from the moof unless an explicit base is given (§8.8.7.1).
  let base = moof.start;
  if (tfhdFlags & BASE_DATA_OFFSET) base = safeOffset(tfhd.u64('base_data_offset'));
  if (tfhdFlags & SAMPLE_DESCRIPTION_INDEX) tfhd.u32('sample_description_index');
  const defaults: SampleDefaults = { ...trex };
  if (tfhdFlags & DEFAULT_DURATION) defaults.duration = tfhd.u32('default_sample_duration');
  if (tfhdFlags & DEFAULT_SIZE) defaults.size = tfhd.u32('default_sample_size');
  if (tfhdFlags & DEFAULT_FLAGS) defaults.flags = tfhd.u32('default_sample_flags');

  const tfdt = boxReader(requireBox(traf, 'tfdt', 'traf (a fragment without tfdt has no decode time)'));
  const tfdtVersion = tfdt.u8('version');
  tfdt.skip(3, 'flags');
  const decodeTime = tfdtVersion === 1 ? tfdt.u64('baseMediaDecodeTime') : BigInt(tfdt.u32('baseMediaDecodeTime'));

  const samples: Sample[] = [];
  let dataPos = base;
  for (const trun of traf.filter((b) => b.type === 'trun')) {
    dataPos = readTrun(boxReader(trun), base, dataPos, defaults, samples);
  }
  return { sequenceNumber, decodeTime, samples };
}

function safeOffset(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`base_data_offset ${v} is too large`);
  return Number(v);
}

/** Appends one trun's samples (§8.8.8); returns where the next trun's data starts by default. */
function readTrun(r: ByteReader, base: number, dataPos: number, defaults: SampleDefaults, out: Sample[]): number {
  const flags = r.u32('version and flags') & 0xffffff;
  const count = r.u32('sample_count');
  if (flags & 0x001) dataPos = base + r.i32('data_offset');
  const firstFlags = flags & 0x004 ? r.u32('first_sample_flags') : undefined;
  const recordSize = 4 * [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length;
  if (count * recordSize > r.remaining || count > r.bytes.length) {
    throw fail(`trun claims ${count} samples but has room for ${recordSize ? Math.floor(r.remaining / recordSize) : 0}`);
  }
  const bytes = r.bytes;
  for (let i = 0; i < count; i++) {
    const duration = flags & 0x100 ? r.u32('sample_duration') : defaults.duration;
    const size = flags & 0x200 ? r.u32('sample_size') : defaults.size;
    let sampleFlags = flags & 0x400 ? r.u32('sample_flags') : defaults.flags;
    if (i === 0 && firstFlags !== undefined) sampleFlags = firstFlags;
    // Version 0 offsets are unsigned by the letter of the spec, but writers put negative values
    // there too, and no real offset exceeds 2^31: both versions read as signed.
    const compositionOffset = flags & 0x800 ? r.i32('sample_composition_time_offset') : 0;
    if (duration === undefined) throw fail(`sample ${out.length} has no duration in trun, tfhd or trex`);
    if (size === undefined) throw fail(`sample ${out.length} has no size in trun, tfhd or trex`);
    if (dataPos < 0 || dataPos + size > bytes.length) {
      throw fail(`sample ${out.length} data (${size} bytes at offset ${dataPos}) is outside the ${bytes.length} input bytes`);
    }
    out.push({ duration, compositionOffset, sync: isSyncFlags(sampleFlags ?? 0), data: bytes.subarray(dataPos, dataPos + size) });
    dataPos += size;
  }
  return dataPos;
}
