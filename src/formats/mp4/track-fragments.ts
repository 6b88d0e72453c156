import type { ByteReader } from '../bytes/byte-reader.js';
import { TributaryError } from '../../util/errors.js';
import { boxReader, childBoxes, requireBox, type Mp4Box } from './box-reader.js';
import type { SampleDefaults } from './fragment-reader.js';
import { isSyncFlags } from './sample-flags.js';

/** One sample described by a trun: where its bytes are, not the bytes themselves. */
export interface SampleRef {
  /** undefined when neither trun, tfhd nor trex gives one (the caller may know from elsewhere). */
  duration?: number;
  size: number;
  compositionOffset: number;
  sync: boolean;
  /** Absolute offset of the sample's first byte in the stream the moof came from. */
  offset: number;
}

/** One `traf` of a moof. */
export interface TrackFragment {
  trackId: number;
  /** tfdt baseMediaDecodeTime, when present. */
  baseMediaDecodeTime?: bigint;
  samples: SampleRef[];
  /** The traf's `uuid` children (Smooth's tfxd and tfrf live here). */
  extensions: Mp4Box[];
}

export interface TrackFragmentOptions {
  /** Absolute stream offset of the moof's first byte (what data offsets count from). */
  moofOffset: number;
  /** trex defaults per track_ID. */
  defaults: ReadonlyMap<number, SampleDefaults>;
  /** Most samples one traf may describe: bounds the work a lying sample_count can cause. */
  maxSamples: number;
}

/** tfhd flags (§8.8.7.1). */
const BASE_DATA_OFFSET = 0x000001;
const SAMPLE_DESCRIPTION_INDEX = 0x000002;
const DEFAULT_DURATION = 0x000008;
const DEFAULT_SIZE = 0x000010;
const DEFAULT_FLAGS = 0x000020;
const DEFAULT_BASE_IS_MOOF = 0x020000;
/** trun flags (§8.8.8.1). */
const DATA_OFFSET = 0x001;
const FIRST_SAMPLE_FLAGS = 0x004;
const SAMPLE_DURATION = 0x100;
const SAMPLE_SIZE = 0x200;
const SAMPLE_FLAGS = 0x400;
const COMPOSITION_OFFSET = 0x800;

const fail = (what: string) => new TributaryError('ERR_MEDIA', `moof: ${what}`);

/**
 * Every traf of a moof (ISO 14496-12 §8.8.4–8.8.8), with one or many tracks per moof. Sample
 * positions follow §8.8.7.1: a data_offset counts from the tfhd's base-data-offset when given,
 * else from the moof start when default-base-is-moof is set or for the first traf, else from
 * the end of the previous traf's data; a trun without data_offset continues where the previous
 * trun of its traf ended. Offsets are returned in stream coordinates for the caller to check
 * against the mdat it receives.
 */
export function readTrackFragments(moof: Mp4Box, o: TrackFragmentOptions): TrackFragment[] {
  const children = childBoxes(moof);
  requireBox(children, 'mfhd', 'moof');
  const out: TrackFragment[] = [];
  let previousEnd = o.moofOffset;
  for (const trafBox of children.filter((b) => b.type === 'traf')) {
    const traf = childBoxes(trafBox);
    const tfhd = boxReader(requireBox(traf, 'tfhd', 'traf'));
    const flags = tfhd.u32('version and flags') & 0xffffff;
    const trackId = tfhd.u32('track_ID');
    let base = out.length === 0 || flags & DEFAULT_BASE_IS_MOOF ? o.moofOffset : previousEnd;
    if (flags & BASE_DATA_OFFSET) {
      const v = tfhd.u64('base_data_offset');
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`track ${trackId}: base_data_offset ${v} is too large`);
      base = Number(v);
    }
    if (flags & SAMPLE_DESCRIPTION_INDEX) tfhd.u32('sample_description_index');
    const defaults: SampleDefaults = { ...o.defaults.get(trackId) };
    if (flags & DEFAULT_DURATION) defaults.duration = tfhd.u32('default_sample_duration');
    if (flags & DEFAULT_SIZE) defaults.size = tfhd.u32('default_sample_size');
    if (flags & DEFAULT_FLAGS) defaults.flags = tfhd.u32('default_sample_flags');

    const fragment: TrackFragment = { trackId, samples: [], extensions: traf.filter((b) => b.type === 'uuid') };
    const tfdtBox = traf.find((b) => b.type === 'tfdt');
    if (tfdtBox) {
      const tfdt = boxReader(tfdtBox);
      const version = tfdt.u8('version');
      tfdt.skip(3, 'flags');
      fragment.baseMediaDecodeTime = version === 1 ? tfdt.u64('baseMediaDecodeTime') : BigInt(tfdt.u32('baseMediaDecodeTime'));
    }
    let dataPos = base;
    for (const trun of traf.filter((b) => b.type === 'trun')) {
      dataPos = readTrun(boxReader(trun), base, dataPos, defaults, fragment.samples, o.maxSamples, trackId);
    }
    previousEnd = dataPos;
    out.push(fragment);
  }
  return out;
}

/** Appends one trun's samples; returns where the next trun's data starts by default. */
function readTrun(r: ByteReader, base: number, dataPos: number, defaults: SampleDefaults, out: SampleRef[], maxSamples: number, trackId: number): number {
  const flags = r.u32('version and flags') & 0xffffff;
  const count = r.u32('sample_count');
  if (out.length + count > maxSamples) throw new TributaryError('ERR_INGEST_LIMIT', `moof: track ${trackId} has more than ${maxSamples} samples in one fragment`);
  if (flags & DATA_OFFSET) dataPos = base + r.i32('data_offset');
  const firstFlags = flags & FIRST_SAMPLE_FLAGS ? r.u32('first_sample_flags') : undefined;
  const recordSize = 4 * [SAMPLE_DURATION, SAMPLE_SIZE, SAMPLE_FLAGS, COMPOSITION_OFFSET].filter((f) => flags & f).length;
  if (count * recordSize > r.remaining) {
    throw fail(`track ${trackId}: trun claims ${count} samples but has room for ${recordSize ? Math.floor(r.remaining / recordSize) : 0}`);
  }
  for (let i = 0; i < count; i++) {
    const duration = flags & SAMPLE_DURATION ? r.u32('sample_duration') : defaults.duration;
    const size = flags & SAMPLE_SIZE ? r.u32('sample_size') : defaults.size;
    let sampleFlags = flags & SAMPLE_FLAGS ? r.u32('sample_flags') : defaults.flags;
    if (i === 0 && firstFlags !== undefined) sampleFlags = firstFlags;
    // Version 1 makes the offset signed (§8.8.8.2). Version 0 is unsigned by the letter of the
    // spec, but writers put negative values there too and no real offset exceeds 2^31, so both
    // read as signed.
    const compositionOffset = flags & COMPOSITION_OFFSET ? r.i32('sample_composition_time_offset') : 0;
    if (size === undefined) throw fail(`track ${trackId}: sample ${out.length} has no size in trun, tfhd or trex`);
    out.push({ duration, size, compositionOffset, sync: isSyncFlags(sampleFlags ?? 0), offset: dataPos });
    dataPos += size;
  }
  return dataPos;
}
