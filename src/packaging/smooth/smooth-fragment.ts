import { ByteWriter } from '../../formats/bytes/byte-writer.js';
import { closeBox, openBox, openFullBox } from '../../formats/mp4/box-writer.js';
import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { TRACK_ID } from '../../formats/mp4/init-segment.js';
import { sampleFlags } from '../../formats/mp4/sample-flags.js';
import { TributaryError } from '../../util/errors.js';
import { TFRF_UUID, TFXD_UUID, uuidBytes } from './smooth-boxes.js';
import { smoothDuration, toSmoothTime } from './smooth-time.js';

/** A later fragment a live tfrf announces, in the track timescale. */
export interface LookaheadFragment {
  time: bigint;
  duration: number;
}

export interface SmoothFragmentInput {
  /** One stored CMAF fragment: moof(mfhd, traf(tfhd, tfdt, trun)) + mdat (fragment-writer.ts). */
  cmaf: Uint8Array;
  /** The fragment's decode time (TimelineEntry.decodeTime), in the track timescale. */
  decodeTime: bigint;
  /** The fragment's duration (TimelineEntry.duration), in the track timescale. */
  duration: number;
  /** Ticks per second of the track; everything written is rescaled from it to 10 MHz. */
  timescale: number;
  /**
   * The following fragments of the track (at most SMOOTH_LOOKAHEAD), in the track timescale.
   * When given, even empty, a tfrf is written: live fragments need one (dash.js fails with
   * MSS_NO_TFRF otherwise, and accepts a count of 0). Passing it after the program ended too
   * keeps live players that cross the end going; on demand it is ignored (MS-SSTR §2.2.4.5).
   */
  lookahead?: readonly LookaheadFragment[];
  /** For `FragmentInfo(…)` requests (an IIS extension dash.js sends after a live pause or seek, MssFragmentInfoController): the moof alone. */
  moofOnly?: boolean;
}

const TFHD_SIZE = 16;
/** size, 'uuid', usertype(16), version/flags, u64 time, u64 duration (MS-SSTR §2.2.4.4, version 1). */
const TFXD_SIZE = 8 + 16 + 4 + 16;
/** size, 'uuid', usertype(16), version/flags, u8 count (§2.2.4.5; u8 as every client reads it). */
const TFRF_FIXED_SIZE = 8 + 16 + 4 + 1;
const TRUN_DATA_OFFSET = 0x001;
const TRUN_SAMPLE_DURATION = 0x100;
const TRUN_SAMPLE_SIZE = 0x200;
const TRUN_SAMPLE_FLAGS = 0x400;
const TRUN_COMPOSITION_OFFSET = 0x800;
const MAX_U32 = 0xffffffff;
const TFXD = uuidBytes(TFXD_UUID);
const TFRF = uuidBytes(TFRF_UUID);

/**
 * A stored CMAF fragment as a Smooth Streaming fragment response (MS-SSTR §2.2.4): moof(mfhd,
 * traf(tfhd, trun, tfxd, [tfrf])) + mdat, every time in 10 MHz ticks (smooth-time.ts).
 *
 * - tfdt is dropped. Smooth has none (§2.2.4.3), and dash.js keeps an existing tfdt as is but
 *   otherwise writes baseMediaDecodeTime from the manifest time it requested, shifted by its
 *   on-demand timestampOffset; an absolute tfdt would put on-demand media at the wrong time.
 * - trun durations and composition offsets are rescaled from absolute sample times (so they
 *   add up exactly to the tfxd span; formats.md §2.3), trun data_offset points at the first
 *   sample byte after the new moof. tfhd has no flags: with one traf the data base is the moof
 *   start (ISO 14496-12 §8.8.7.1) for clients that predate default-base-is-moof.
 * - The sample bytes are copied unchanged into the one output buffer, sized before writing.
 */
export function smoothFragment(input: SmoothFragmentInput): Uint8Array {
  const { samples, sequenceNumber } = readFragment(input.cmaf);
  const n = samples.length;
  const lookahead = input.lookahead;
  if (lookahead && lookahead.length > 255) throw new TributaryError('ERR_MEDIA', `smoothFragment: tfrf holds at most 255 fragments, got ${lookahead.length}`);
  if (input.decodeTime < 0n) throw new TributaryError('ERR_MEDIA', `smoothFragment: decode time ${input.decodeTime} is negative`);

  let payload = 0;
  let withOffsets = false;
  for (const s of samples) {
    payload += s.data.length;
    if (s.compositionOffset !== 0) withOffsets = true;
  }
  const perSample = withOffsets ? 16 : 12;
  const trunSize = 20 + n * perSample;
  const tfrfSize = lookahead ? TFRF_FIXED_SIZE + 16 * lookahead.length : 0;
  const moofSize = 8 + 16 + 8 + TFHD_SIZE + trunSize + TFXD_SIZE + tfrfSize;
  const largeMdat = payload + 8 > MAX_U32;
  const mdatHeader = largeMdat ? 16 : 8;
  const total = input.moofOnly ? moofSize : moofSize + mdatHeader + payload;
  const w = new ByteWriter(total);

  const moof = openBox(w, 'moof');
  w.u32(16).ascii('mfhd').u32(0).u32(sequenceNumber);
  const traf = openBox(w, 'traf');
  w.u32(TFHD_SIZE).ascii('tfhd').u32(0).u32(TRACK_ID);

  let trunFlags = TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS;
  if (withOffsets) trunFlags |= TRUN_COMPOSITION_OFFSET;
  // Version 1: signed composition offsets, as ffmpeg's ismv muxer writes (formats.md §2.1).
  const trun = openFullBox(w, 'trun', 1, trunFlags);
  w.u32(n).i32(moofSize + mdatHeader);
  const ts = input.timescale;
  let time = input.decodeTime;
  let smoothTime = toSmoothTime(time, ts);
  for (let i = 0; i < n; i++) {
    const s = samples[i];
    const next = time + BigInt(s.duration);
    const smoothNext = toSmoothTime(next, ts);
    const duration = Number(smoothNext - smoothTime);
    if (duration > MAX_U32) throw new TributaryError('ERR_MEDIA', `smoothFragment: sample ${i} lasts ${duration} ticks at 10 MHz, more than a u32`);
    w.u32(duration).u32(s.data.length).u32(sampleFlags(s.sync));
    if (withOffsets) w.i32(Number(toSmoothTime(time + BigInt(s.compositionOffset), ts) - smoothTime));
    time = next;
    smoothTime = smoothNext;
  }
  closeBox(w, trun);

  // A uuid box puts its usertype before the FullBox version and flags (ISO 14496-12 §4.2).
  const tfxd = openBox(w, 'uuid');
  w.bytes(TFXD).u8(1).u24(0).u64(toSmoothTime(input.decodeTime, ts)).u64(smoothDuration(input.decodeTime, input.duration, ts));
  closeBox(w, tfxd);
  if (lookahead) {
    const tfrf = openBox(w, 'uuid');
    w.bytes(TFRF).u8(1).u24(0).u8(lookahead.length);
    for (const f of lookahead) w.u64(toSmoothTime(f.time, ts)).u64(smoothDuration(f.time, f.duration, ts));
    closeBox(w, tfrf);
  }
  closeBox(w, traf);
  closeBox(w, moof);
  if (w.length !== moofSize) throw new Error(`smoothFragment: wrote a ${w.length}-byte moof, computed ${moofSize}`);
  if (input.moofOnly) return w.finish();

  if (largeMdat) w.u32(1).ascii('mdat').u64(payload + 16);
  else w.u32(payload + 8).ascii('mdat');
  for (const s of samples) w.bytes(s.data);
  return w.finish();
}
