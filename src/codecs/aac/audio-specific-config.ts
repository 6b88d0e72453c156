/**
 * AudioSpecificConfig (ISO 14496-3 §1.6.2.1):
 *   audioObjectType(5) [31 → 32 + next 6 bits] samplingFrequencyIndex(4) [15 → 24-bit rate]
 *   channelConfiguration(4) GASpecificConfig: frameLengthFlag(1) dependsOnCoreCoder(1) …
 * Encoders may append an explicit SBR sync extension (ffmpeg writes `11 90 56 E5 00`); the core
 * fields are all that packaging needs.
 */
export const AAC_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export interface AudioSpecificConfig {
  objectType: number;
  sampleRate: number;
  frequencyIndex: number;
  channels: number;
  samplesPerFrame: number;
}

export function parseAudioSpecificConfig(b: Uint8Array): AudioSpecificConfig {
  if (b.length < 2) throw new Error('AudioSpecificConfig too short');
  let bitPos = 0;
  const bits = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = bitPos >> 3;
      if (byte >= b.length) throw new Error('AudioSpecificConfig truncated');
      v = (v << 1) | ((b[byte] >> (7 - (bitPos & 7))) & 1);
      bitPos++;
    }
    return v >>> 0;
  };
  let objectType = bits(5);
  if (objectType === 31) objectType = 32 + bits(6);
  const frequencyIndex = bits(4);
  const sampleRate = frequencyIndex === 15 ? bits(24) : AAC_SAMPLE_RATES[frequencyIndex];
  if (!sampleRate) throw new Error(`AudioSpecificConfig sampling frequency index ${frequencyIndex} is reserved`);
  const channels = bits(4);
  let frameLengthFlag = 0;
  if ([1, 2, 3, 4, 6, 7].includes(objectType)) frameLengthFlag = bits(1);
  return { objectType, sampleRate, frequencyIndex, channels, samplesPerFrame: frameLengthFlag ? 960 : 1024 };
}

/** A two-byte AudioSpecificConfig for AAC-LC (tests and fixtures). */
export function buildAudioSpecificConfig(objectType: number, sampleRate: number, channels: number): Uint8Array {
  const idx = AAC_SAMPLE_RATES.indexOf(sampleRate);
  if (idx < 0 || objectType > 30) throw new Error('unsupported AudioSpecificConfig');
  return Uint8Array.of((objectType << 3) | (idx >> 1), ((idx & 1) << 7) | (channels << 3));
}
