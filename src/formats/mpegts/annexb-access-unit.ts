import type { H264Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import type { ByteSink } from './byte-sink.js';

/** Access unit delimiter with primary_pic_type 7 (any slice type): ITU-T H.264 §7.3.2.4. */
const AUD = Uint8Array.of(0, 0, 0, 1, 0x09, 0xf0);
const START_CODE = Uint8Array.of(0, 0, 0, 1);

const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_AUD = 9;

/** What writeAnnexBAccessUnit will do with one sample, measured before any byte is written. */
export interface AnnexBPlan {
  /** Exact number of Annex B bytes. */
  length: number;
  /** The access unit holds an IDR slice (or the sample is flagged sync). */
  key: boolean;
  /** SPS and PPS from the configuration go before the first NAL unit. */
  insertParameterSets: boolean;
}

function nalLength(data: Uint8Array, at: number, lengthSize: number): number {
  let n = 0;
  for (let i = 0; i < lengthSize; i++) n = n * 256 + data[at + i];
  return n;
}

function parameterSetBytes(config: H264Config): number {
  let n = 0;
  for (const s of config.sps) n += START_CODE.length + s.length;
  for (const p of config.pps) n += START_CODE.length + p.length;
  return n;
}

/**
 * Sizes the Annex B form (H.264 Annex B; ISO 13818-1 §2.14 for carriage in TS) of a sample of
 * length-prefixed NAL units: our own AUD first (in-band AUDs are dropped so that there is
 * exactly one, first), SPS and PPS before an IDR unless the sample carries an SPS already,
 * then every NAL unit behind a 4-byte start code. Throws on a length that overruns the sample.
 */
export function planAnnexBAccessUnit(data: Uint8Array, sync: boolean, config: H264Config): AnnexBPlan {
  const ls = config.lengthSize;
  let length = AUD.length;
  let hasIdr = false;
  let hasSps = false;
  for (let pos = 0; pos < data.length; ) {
    if (pos + ls > data.length) throw new TributaryError('ERR_MEDIA', 'H.264 NAL length prefix past end of sample');
    const len = nalLength(data, pos, ls);
    pos += ls;
    if (pos + len > data.length) throw new TributaryError('ERR_MEDIA', 'H.264 NAL unit past end of sample');
    if (len > 0) {
      const type = data[pos] & 0x1f;
      if (type === NAL_IDR) hasIdr = true;
      else if (type === NAL_SPS) hasSps = true;
      if (type !== NAL_AUD) length += START_CODE.length + len;
    }
    pos += len;
  }
  const key = sync || hasIdr;
  const insertParameterSets = key && !hasSps;
  if (insertParameterSets) length += parameterSetBytes(config);
  return { length, key, insertParameterSets };
}

/** Writes exactly `plan.length` bytes, as planned by planAnnexBAccessUnit. */
export function writeAnnexBAccessUnit(sink: ByteSink, data: Uint8Array, config: H264Config, plan: AnnexBPlan): void {
  sink.writeBytes(AUD, 0, AUD.length);
  if (plan.insertParameterSets) {
    for (const nal of [...config.sps, ...config.pps]) {
      sink.writeBytes(START_CODE, 0, START_CODE.length);
      sink.writeBytes(nal, 0, nal.length);
    }
  }
  const ls = config.lengthSize;
  for (let pos = 0; pos < data.length; ) {
    const len = nalLength(data, pos, ls);
    pos += ls;
    if (len > 0 && (data[pos] & 0x1f) !== NAL_AUD) {
      sink.writeBytes(START_CODE, 0, START_CODE.length);
      sink.writeBytes(data, pos, pos + len);
    }
    pos += len;
  }
}
