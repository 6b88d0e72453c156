import { writePesTimestamp } from './pes-timestamp.js';

export interface PesHeaderOptions {
  streamId: number;
  /** 90 kHz, unwrapped; written modulo 2^33. */
  pts: number;
  /** 90 kHz; written only when it differs from the PTS. */
  dts: number;
  /** Bytes of elementary stream data that follow the header. */
  payloadLength: number;
}

/** Bytes of the PES header written by writePesHeader for these timestamps. */
export function pesHeaderLength(pts: number, dts: number): number {
  return pts === dts ? 14 : 19;
}

/**
 * Writes a PES packet header (ISO 13818-1 §2.4.3.6) and returns its length: start code prefix
 * 00 00 01, stream_id, PES_packet_length, '10' + data_alignment_indicator (each PES starts with
 * an AUD or an ADTS sync word), PTS_DTS_flags, PES_header_data_length, PTS [, DTS].
 * PES_packet_length 0 ("unbounded") is only legal for video (§2.4.3.7), so a too-long audio
 * PES is the caller's bug and throws.
 */
export function writePesHeader(out: Uint8Array, at: number, o: PesHeaderOptions): number {
  const withDts = o.pts !== o.dts;
  const headerLength = pesHeaderLength(o.pts, o.dts);
  const packetLength = headerLength - 6 + o.payloadLength;
  const isVideo = (o.streamId & 0xf0) === 0xe0;
  if (packetLength > 0xffff && !isVideo) throw new RangeError(`audio PES of ${packetLength} bytes exceeds 65535`);
  const lengthField = packetLength > 0xffff ? 0 : packetLength;
  out[at] = 0;
  out[at + 1] = 0;
  out[at + 2] = 1;
  out[at + 3] = o.streamId;
  out[at + 4] = lengthField >> 8;
  out[at + 5] = lengthField & 0xff;
  out[at + 6] = 0x84;
  out[at + 7] = withDts ? 0xc0 : 0x80;
  out[at + 8] = headerLength - 9;
  writePesTimestamp(out, at + 9, withDts ? 0b0011 : 0b0010, o.pts);
  if (withDts) writePesTimestamp(out, at + 14, 0b0001, o.dts);
  return headerLength;
}
