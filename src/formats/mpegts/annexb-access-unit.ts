import type { NalVideoCodecConfig } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import type { ByteSink } from './byte-sink.js';
import { nalSyntax } from './nal-syntax.js';

const START_CODE = Uint8Array.of(0, 0, 0, 1);

/** What writeAnnexBAccessUnit will do with one sample, measured before any byte is written. */
export interface AnnexBPlan {
  /** Exact number of Annex B bytes. */
  length: number;
  /** The access unit holds an IDR/IRAP slice (or the sample is flagged sync). */
  key: boolean;
  /** The configuration's parameter sets go before the first NAL unit. */
  insertParameterSets: boolean;
}

function nalLength(data: Uint8Array, at: number, lengthSize: number): number {
  let n = 0;
  for (let i = 0; i < lengthSize; i++) n = n * 256 + data[at + i];
  return n;
}

function parameterSetBytes(config: NalVideoCodecConfig): number {
  let n = 0;
  for (const p of nalSyntax(config).parameterSets(config)) n += START_CODE.length + p.length;
  return n;
}

/**
 * Sizes the Annex B form (H.264 and H.265 Annex B; ISO 13818-1 §2.14 and §2.17 for carriage in
 * TS) of a sample of length-prefixed NAL units: our own AUD first (in-band AUDs are dropped so
 * that there is exactly one, first), the parameter sets (H.264 SPS and PPS; HEVC VPS, SPS and
 * PPS) before a key access unit unless the sample carries an SPS already, then every NAL unit
 * behind a 4-byte start code. Throws on a length that overruns the sample.
 */
export function planAnnexBAccessUnit(data: Uint8Array, sync: boolean, config: NalVideoCodecConfig): AnnexBPlan {
  const syntax = nalSyntax(config);
  const ls = config.lengthSize;
  let length = syntax.aud.length;
  let hasIdr = false;
  let hasSps = false;
  for (let pos = 0; pos < data.length; ) {
    if (pos + ls > data.length) throw new TributaryError('ERR_MEDIA', `${syntax.codec} NAL length prefix past end of sample`);
    const len = nalLength(data, pos, ls);
    pos += ls;
    if (pos + len > data.length) throw new TributaryError('ERR_MEDIA', `${syntax.codec} NAL unit past end of sample`);
    if (len > 0) {
      const type = syntax.type(data[pos]);
      if (syntax.isKey(type)) hasIdr = true;
      else if (syntax.isSps(type)) hasSps = true;
      if (!syntax.isAud(type)) length += START_CODE.length + len;
    }
    pos += len;
  }
  const key = sync || hasIdr;
  const insertParameterSets = key && !hasSps;
  if (insertParameterSets) length += parameterSetBytes(config);
  return { length, key, insertParameterSets };
}

/** Writes exactly `plan.length` bytes, as planned by planAnnexBAccessUnit. */
export function writeAnnexBAccessUnit(sink: ByteSink, data: Uint8Array, config: NalVideoCodecConfig, plan: AnnexBPlan): void {
  const syntax = nalSyntax(config);
  sink.writeBytes(syntax.aud, 0, syntax.aud.length);
  if (plan.insertParameterSets) {
    for (const nal of syntax.parameterSets(config)) {
      sink.writeBytes(START_CODE, 0, START_CODE.length);
      sink.writeBytes(nal, 0, nal.length);
    }
  }
  const ls = config.lengthSize;
  for (let pos = 0; pos < data.length; ) {
    const len = nalLength(data, pos, ls);
    pos += ls;
    if (len > 0 && !syntax.isAud(syntax.type(data[pos]))) {
      sink.writeBytes(START_CODE, 0, START_CODE.length);
      sink.writeBytes(data, pos, pos + len);
    }
    pos += len;
  }
}
