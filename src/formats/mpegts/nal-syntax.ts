import type { NalVideoCodecConfig } from '../../model/codec.js';

/**
 * What the Annex B writer needs to know about a video codec's NAL units: how to read the unit
 * type, which types start a random access point or repeat the decoder configuration, and the
 * access unit delimiter to put first (carriage in MPEG-TS wants one per access unit:
 * ISO 13818-1 §2.14.1 for H.264, §2.17.1 for HEVC).
 */
export interface NalSyntax {
  codec: 'H.264' | 'HEVC';
  /** Start code + access unit delimiter. */
  aud: Uint8Array;
  type(firstByte: number): number;
  isAud(type: number): boolean;
  /** An IDR (H.264) or IRAP (HEVC) slice: the access unit can start decoding. */
  isKey(type: number): boolean;
  /** The unit carries the sequence parameter set: no need to insert the configuration's. */
  isSps(type: number): boolean;
  /** Parameter sets to put before a key access unit, in decoding order. */
  parameterSets(config: NalVideoCodecConfig): readonly Uint8Array[];
}

/** ITU-T H.264 §7.4.1: nal_unit_type is the low 5 bits; 5 IDR, 7 SPS, 9 AUD (primary_pic_type 7: any slice). */
const H264: NalSyntax = {
  codec: 'H.264',
  aud: Uint8Array.of(0, 0, 0, 1, 0x09, 0xf0),
  type: (b) => b & 0x1f,
  isAud: (t) => t === 9,
  isKey: (t) => t === 5,
  isSps: (t) => t === 7,
  parameterSets: (c) => (c.kind === 'h264' ? [...c.sps, ...c.pps] : []),
};

/**
 * ITU-T H.265 §7.4.2.2: nal_unit_type is bits 1–6 of the first header byte; 16–23 are IRAP
 * (BLA, IDR, CRA and reserved IRAP), 32 VPS, 33 SPS, 34 PPS, 35 AUD. The AUD is the two-byte
 * header (type 35, layer 0, temporal id plus 1 = 1) and pic_type 2 (I, P or B slices) with the
 * RBSP stop bit: 0x46 0x01 0x50.
 */
const HEVC: NalSyntax = {
  codec: 'HEVC',
  aud: Uint8Array.of(0, 0, 0, 1, 0x46, 0x01, 0x50),
  type: (b) => (b >> 1) & 0x3f,
  isAud: (t) => t === 35,
  isKey: (t) => t >= 16 && t <= 23,
  isSps: (t) => t === 33,
  parameterSets: (c) => (c.kind === 'h265' ? [...c.vps, ...c.sps, ...c.pps] : []),
};

export function nalSyntax(config: NalVideoCodecConfig): NalSyntax {
  return config.kind === 'h264' ? H264 : HEVC;
}
