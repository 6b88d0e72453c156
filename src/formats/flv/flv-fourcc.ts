import type { FlvVideoCodec } from './flv-tag.js';

/** Enhanced RTMP FourCCs (veovera enhanced-rtmp v1/v2) of the video codecs ingest carries. */
export const VIDEO_FOURCC: Readonly<Record<FlvVideoCodec, string>> = { avc: 'avc1', hevc: 'hvc1', av1: 'av01' };

export const AAC_FOURCC = 'mp4a';

export function videoCodecForFourCc(fourCc: string): FlvVideoCodec | undefined {
  for (const [codec, f] of Object.entries(VIDEO_FOURCC)) if (f === fourCc) return codec as FlvVideoCodec;
  return undefined;
}

/** Four ASCII bytes at `offset` (the caller has checked the length). */
export function readFourCc(b: Uint8Array, offset: number): string {
  return String.fromCharCode(b[offset], b[offset + 1], b[offset + 2], b[offset + 3]);
}

/** SI24: a signed 24-bit big-endian integer (FLV CompositionTime, §E.4.3.1). */
export function readSi24(b: Uint8Array, offset: number): number {
  const u = (b[offset] << 16) | (b[offset + 1] << 8) | b[offset + 2];
  return u & 0x800000 ? u - 0x1000000 : u;
}

export function si24Bytes(v: number): number[] {
  if (!Number.isInteger(v) || v < -0x800000 || v > 0x7fffff) throw new Error(`FLV: composition time ${v} does not fit in SI24`);
  const u = v < 0 ? v + 0x1000000 : v;
  return [(u >> 16) & 0xff, (u >> 8) & 0xff, u & 0xff];
}
