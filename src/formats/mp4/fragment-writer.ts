import { ByteWriter } from '../bytes/byte-writer.js';
import type { Sample } from '../../model/sample.js';
import type { TrackType } from '../../model/track.js';
import { TributaryError } from '../../util/errors.js';
import { TRACK_ID } from './init-segment.js';
import { sampleFlags, SYNC_SAMPLE_FLAGS } from './sample-flags.js';

export interface FragmentToWrite {
  /** mfhd sequence_number: 1 for the first fragment, then increasing. */
  sequenceNumber: number;
  /** tfdt baseMediaDecodeTime: decode time of the first sample, in the track timescale. */
  decodeTime: bigint;
  samples: readonly Sample[];
  trackType: TrackType;
}

/** tfhd flags (§8.8.7): default-base-is-moof, so data offsets are relative to this moof. */
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
/** trun flags (§8.8.8): data-offset, per-sample duration, size, flags, composition offset. */
const TRUN_DATA_OFFSET = 0x001;
const TRUN_SAMPLE_DURATION = 0x100;
const TRUN_SAMPLE_SIZE = 0x200;
const TRUN_SAMPLE_FLAGS = 0x400;
const TRUN_COMPOSITION_OFFSET = 0x800;
/** moof(8) + mfhd(16) + traf(8) + tfhd(16) + tfdt v1(20) + trun header, count and data offset(20). */
const MOOF_FIXED_SIZE = 88;
const MAX_U32 = 0xffffffff;
const MAX_U64 = 2n ** 64n - 1n;

/**
 * One CMAF fragment: moof(mfhd, traf(tfhd, tfdt v1, trun v1)) + mdat (ISO 14496-12 §8.8;
 * formats.md §6.2). trun version 1 carries signed composition offsets, present only when some
 * sample has one. Sizes are computed first and everything is written into one buffer.
 */
export function writeFragment(f: FragmentToWrite): Uint8Array {
  const { samples } = f;
  const n = samples.length;
  if (n === 0) throw new TributaryError('ERR_MEDIA', 'writeFragment: a fragment needs at least one sample');
  if (!Number.isInteger(f.sequenceNumber) || f.sequenceNumber < 0 || f.sequenceNumber > MAX_U32) {
    throw new TributaryError('ERR_MEDIA', `writeFragment: sequence number ${f.sequenceNumber} is not a u32`);
  }
  if (f.decodeTime < 0n || f.decodeTime > MAX_U64) {
    throw new TributaryError('ERR_MEDIA', `writeFragment: decode time ${f.decodeTime} is not a u64`);
  }
  let payload = 0;
  let withOffsets = false;
  for (let i = 0; i < n; i++) {
    const s = samples[i];
    if (!Number.isInteger(s.duration) || s.duration < 0 || s.duration > MAX_U32) {
      throw new TributaryError('ERR_MEDIA', `writeFragment: sample ${i} duration ${s.duration} is not a u32`);
    }
    if (!Number.isInteger(s.compositionOffset) || s.compositionOffset !== (s.compositionOffset | 0)) {
      throw new TributaryError('ERR_MEDIA', `writeFragment: sample ${i} composition offset ${s.compositionOffset} is not an i32`);
    }
    if (s.compositionOffset !== 0) withOffsets = true;
    payload += s.data.length;
  }
  const perSample = withOffsets ? 16 : 12;
  const moofSize = MOOF_FIXED_SIZE + n * perSample;
  const largeMdat = payload + 8 > MAX_U32;
  const mdatHeader = largeMdat ? 16 : 8;
  const w = new ByteWriter(moofSize + mdatHeader + payload);

  w.u32(moofSize).ascii('moof');
  w.u32(16).ascii('mfhd').u32(0).u32(f.sequenceNumber);
  w.u32(moofSize - 24).ascii('traf');
  w.u32(16).ascii('tfhd').u32(TFHD_DEFAULT_BASE_IS_MOOF).u32(TRACK_ID);
  w.u32(20).ascii('tfdt').u32(0x01000000).u64(f.decodeTime);
  let trunFlags = TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS;
  if (withOffsets) trunFlags |= TRUN_COMPOSITION_OFFSET;
  w.u32(20 + n * perSample).ascii('trun').u32(0x01000000 | trunFlags).u32(n);
  w.i32(moofSize + mdatHeader); // data_offset: from the moof start to the first sample byte
  const video = f.trackType === 'video';
  for (let i = 0; i < n; i++) {
    const s = samples[i];
    w.u32(s.duration).u32(s.data.length).u32(video ? sampleFlags(s.sync) : SYNC_SAMPLE_FLAGS);
    if (withOffsets) w.i32(s.compositionOffset);
  }

  if (largeMdat) w.u32(1).ascii('mdat').u64(payload + 16);
  else w.u32(payload + 8).ascii('mdat');
  for (let i = 0; i < n; i++) w.bytes(samples[i].data);
  return w.finish();
}
