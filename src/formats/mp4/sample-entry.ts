import type { ByteWriter } from '../bytes/byte-writer.js';
import type { AacConfig, Av1Config, H264Config, H265Config } from '../../model/codec.js';
import { closeBox, openBox, writeBox, writeFullBox } from './box-writer.js';

/**
 * `avc1` VisualSampleEntry (ISO 14496-12 §12.1.3, 14496-15 §5.4.2): the 78 bytes of
 * SampleEntry + VisualSampleEntry fields, then avcC (the record verbatim), pasp and btrt.
 */
export function writeAvc1(w: ByteWriter, codec: H264Config, bitrate: number): void {
  writeVisualEntry(w, 'avc1', 'avcC', codec.avcC, codec, bitrate);
}

/**
 * `hvc1` VisualSampleEntry (ISO 14496-15 §8.4.1): the same 78 bytes as avc1, then hvcC (the
 * record verbatim), pasp and btrt. hvc1 rather than hev1: parameter sets live only in the hvcC,
 * which is what Apple's HLS authoring spec asks for.
 */
export function writeHvc1(w: ByteWriter, codec: H265Config, bitrate: number): void {
  writeVisualEntry(w, 'hvc1', 'hvcC', codec.hvcC, codec, bitrate);
}

/**
 * `av01` VisualSampleEntry (AV1-ISOBMFF §2.2): the same 78 bytes, then av1C (the record verbatim,
 * its configOBUs holding the sequence header), pasp and btrt.
 */
export function writeAv01(w: ByteWriter, codec: Av1Config, bitrate: number): void {
  writeVisualEntry(w, 'av01', 'av1C', codec.av1C, codec, bitrate);
}

function writeVisualEntry(w: ByteWriter, type: string, configType: string, record: Uint8Array, codec: H264Config | H265Config | Av1Config, bitrate: number): void {
  const at = openBox(w, type);
  w.zeros(6).u16(1); // reserved, data_reference_index
  w.zeros(16); // pre_defined, reserved, pre_defined[3]
  w.u16(codec.width).u16(codec.height);
  w.u32(0x00480000).u32(0x00480000); // 72 dpi
  w.u32(0).u16(1); // reserved, frame_count
  w.zeros(32); // compressorname: empty Pascal string
  w.u16(0x0018).u16(0xffff); // depth, pre_defined = -1
  writeBox(w, configType, () => w.bytes(record));
  writeBox(w, 'pasp', () => w.u32(codec.sarWidth).u32(codec.sarHeight));
  writeBitrate(w, bitrate);
  closeBox(w, at);
}

/** `btrt` (§8.5.2.2): bufferSizeDB unknown (0), max and average bitrate. */
function writeBitrate(w: ByteWriter, bitrate: number): void {
  const bps = clampU32(bitrate);
  writeBox(w, 'btrt', () => w.u32(0).u32(bps).u32(bps));
}

/**
 * `mp4a` AudioSampleEntry (§12.2.3) + `esds` (14496-14 §3.3) holding an ES_Descriptor
 * (14496-1 §7.2.6.5): DecoderConfigDescriptor (objectTypeIndication 0x40 = MPEG-4 Audio,
 * streamType 5 = audio, upStream 0, reserved 1 → 0x15) with the AudioSpecificConfig verbatim as
 * its DecoderSpecificInfo, and an SLConfigDescriptor with predefined = 2 (MP4 files).
 */
export function writeMp4a(w: ByteWriter, codec: AacConfig, bitrate: number): void {
  const at = openBox(w, 'mp4a');
  w.zeros(6).u16(1); // reserved, data_reference_index
  w.zeros(8); // reserved[2]
  w.u16(codec.channels).u16(16).u16(0).u16(0); // channelcount, samplesize, pre_defined, reserved
  // samplerate is 16.16; rates above 65535 do not fit and are written as 0, as ffmpeg does.
  w.u32(codec.sampleRate <= 0xffff ? codec.sampleRate * 0x10000 : 0);
  const bps = clampU32(bitrate);
  const dsi = codec.asc.length;
  const decoderConfig = 13 + descriptorSize(dsi);
  const es = 3 + descriptorSize(decoderConfig) + descriptorSize(1);
  writeFullBox(w, 'esds', 0, 0, () => {
    descriptorHeader(w, 0x03, es);
    w.u16(0).u8(0); // ES_ID, no dependency/URL/OCR flags, priority 0
    descriptorHeader(w, 0x04, decoderConfig);
    w.u8(0x40).u8(0x15).u24(0).u32(bps).u32(bps); // bufferSizeDB unknown
    descriptorHeader(w, 0x05, dsi);
    w.bytes(codec.asc);
    descriptorHeader(w, 0x06, 1);
    w.u8(0x02);
  });
  closeBox(w, at);
}

/** Bytes a descriptor takes including its tag and expandable size field (14496-1 §8.3.3). */
function descriptorSize(payload: number): number {
  let lengthBytes = 1;
  while (payload >= 2 ** (7 * lengthBytes)) lengthBytes++;
  return 1 + lengthBytes + payload;
}

/** Tag, then the size in 7-bit groups, most significant first, with continuation bits. */
function descriptorHeader(w: ByteWriter, tag: number, payload: number): void {
  w.u8(tag);
  let groups = 1;
  while (payload >= 2 ** (7 * groups)) groups++;
  for (let i = groups - 1; i >= 0; i--) w.u8(((payload >>> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
}

const clampU32 = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 0xffffffff) : 0);
