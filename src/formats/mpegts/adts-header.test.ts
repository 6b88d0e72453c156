import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import type { AacConfig } from '../../model/codec.js';
import { adtsParamsFor, writeAdtsHeader } from './adts-header.js';

const config = (asc: Uint8Array, sampleRate = 48000): AacConfig => ({ kind: 'aac', asc, objectType: 2, sampleRate, channels: 2, samplesPerFrame: 1024 });

test('ADTS header for 48 kHz stereo LC, 100-byte frame', () => {
  const p = adtsParamsFor(config(buildAudioSpecificConfig(2, 48000, 2)));
  assert.deepEqual(p, { profile: 1, frequencyIndex: 3, channelConfiguration: 2 });
  const b = new Uint8Array(7);
  writeAdtsHeader(b, 0, p, 100);
  // frame_length 107 = 0b000_0000_1101_011
  assert.deepEqual([...b], [0xff, 0xf1, 0x4c, 0x80, 0x0d, 0x7f, 0xfc]);
});

test('ADTS header accepts ffmpeg’s 5-byte ASC with explicit no-SBR signalling', () => {
  const p = adtsParamsFor(config(Uint8Array.of(0x11, 0x90, 0x56, 0xe5, 0x00)));
  assert.deepEqual(p, { profile: 1, frequencyIndex: 3, channelConfiguration: 2 });
});

test('ADTS header for 44.1 kHz mono and the largest frame', () => {
  const p = adtsParamsFor(config(buildAudioSpecificConfig(2, 44100, 1), 44100));
  const b = new Uint8Array(7);
  writeAdtsHeader(b, 0, p, 8191 - 7);
  assert.equal((b[2] >> 2) & 0xf, 4);
  assert.equal(((b[2] & 1) << 2) | (b[3] >> 6), 1);
  assert.equal(((b[3] & 3) << 11) | (b[4] << 3) | (b[5] >> 5), 8191);
  assert.throws(() => writeAdtsHeader(b, 0, p, 8191 - 6));
});

test('HE-AAC is signalled as its LC core', () => {
  // AOT 5, core 24 kHz (index 6), stereo, extension 48 kHz (index 3), core AOT 2.
  const asc = Uint8Array.of(0x2b, 0x11, 0x88, 0x00);
  assert.deepEqual(adtsParamsFor(config(asc, 24000)), { profile: 1, frequencyIndex: 6, channelConfiguration: 2 });
});
