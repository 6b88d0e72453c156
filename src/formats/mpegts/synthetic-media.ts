import { buildAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import { buildAvcDecoderConfig } from '../../codecs/h264/avc-decoder-config.js';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';

/**
 * Fake but well-formed media for packaging tests: NAL units and AAC frames with recognisable
 * bytes, no real codec payload. For decodable media, generate it with ffmpeg instead.
 */
export const FAKE_SPS = Uint8Array.of(0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40);
export const FAKE_PPS = Uint8Array.of(0x68, 0xeb, 0xe3, 0xcb);

export function fakeH264Config(): H264Config {
  return {
    kind: 'h264',
    avcC: buildAvcDecoderConfig([FAKE_SPS], [FAKE_PPS]),
    sps: [FAKE_SPS],
    pps: [FAKE_PPS],
    lengthSize: 4,
    profile: 0x64,
    compatibility: 0,
    level: 0x1f,
    width: 320,
    height: 240,
    sarWidth: 1,
    sarHeight: 1,
  };
}

export function fakeAacConfig(sampleRate = 48000): AacConfig {
  return { kind: 'aac', asc: buildAudioSpecificConfig(2, sampleRate, 2), objectType: 2, sampleRate, channels: 2, samplesPerFrame: 1024 };
}

/** Concatenates NAL units behind 4-byte big-endian lengths. */
export function lengthPrefixed(nals: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(nals.reduce((n, x) => n + 4 + x.length, 0));
  let pos = 0;
  for (const nal of nals) {
    new DataView(out.buffer).setUint32(pos, nal.length);
    out.set(nal, pos + 4);
    pos += 4 + nal.length;
  }
  return out;
}

function filled(header: number, length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  b[0] = header;
  for (let i = 1; i < length; i++) b[i] = (seed + i * 7) & 0x7f | 1; // never a start code
  return b;
}

/**
 * Video at `fps` on a 90 kHz timescale, a GOP of `gop` frames starting with an IDR, each
 * sample an SEI plus one slice. Composition offsets cycle through 2, 3, 1 frames: non-zero
 * like B-frame streams (not a real reorder pattern; tests only compare timestamps).
 */
export function fakeVideoSamples(count: number, options: { fps: number; gop: number; frameBytes: number }): Sample[] {
  const frame = 90000 / options.fps;
  return Array.from({ length: count }, (_, i) => {
    const idr = i % options.gop === 0;
    const nal = filled(idr ? 0x65 : 0x41, idr ? options.frameBytes * 4 : options.frameBytes + (i % 5) * 37, i);
    const sei = filled(0x06, 12, i);
    return { duration: frame, compositionOffset: (i % 3 === 0 ? 2 : i % 3 === 1 ? 3 : 1) * frame, sync: idr, data: lengthPrefixed([sei, nal]) };
  });
}

export function fakeAudioSamples(count: number, frameBytes = 300): Sample[] {
  return Array.from({ length: count }, (_, i) => ({ duration: 1024, compositionOffset: 0, sync: true, data: filled(0x21, frameBytes + (i % 4) * 11, i) }));
}
