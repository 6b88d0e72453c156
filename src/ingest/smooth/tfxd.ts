import { boxReader, type Mp4Box } from '../../formats/mp4/box-reader.js';
import { TributaryError } from '../../util/errors.js';

export interface Tfxd {
  /** The fragment's absolute start time in the track's timescale; may be negative. */
  time: bigint;
  duration: bigint;
}

/**
 * TrackFragmentExtendedHeaderBox (MS-SSTR §2.2.4.4): FullBox, then version 1 `u64
 * fragment_absolute_time, u64 fragment_duration`, version 0 the same as u32. The time is read
 * as a SIGNED 64-bit number: ffmpeg writes the first audio fragment's AAC-priming start of
 * −213333 (10 MHz) as 0xFFFFFFFFFFFCBEAB (formats.md §2.1, verified). Azure's version 2 (HEVC
 * addendum, Azure spec §3) appends a fragment_index after the version 1 fields; it is not used.
 */
export function readTfxd(box: Mp4Box): Tfxd {
  const r = boxReader(box);
  const version = r.u8('tfxd version');
  r.skip(3, 'tfxd flags');
  if (version === 0) {
    return { time: BigInt(r.u32('fragment_absolute_time')), duration: BigInt(r.u32('fragment_duration')) };
  }
  if (version === 1 || version === 2) {
    return { time: BigInt.asIntN(64, r.u64('fragment_absolute_time')), duration: r.u64('fragment_duration') };
  }
  throw new TributaryError('ERR_MEDIA', `tfxd: version ${version} is unknown`);
}
