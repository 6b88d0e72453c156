import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { aacConfigFromAsc } from './aac-config.js';
import { splitAdts } from './adts.js';
import { buildAudioSpecificConfig } from './audio-specific-config.js';
import { codecString } from '../codec-string.js';

test('the five-byte ASC ffmpeg writes (LC + explicit no-SBR) is 48 kHz stereo LC, kept verbatim', () => {
  const asc = Uint8Array.of(0x11, 0x90, 0x56, 0xe5, 0x00);
  const c = aacConfigFromAsc(asc);
  assert.deepEqual([c.objectType, c.sampleRate, c.channels, c.samplesPerFrame], [2, 48000, 2, 1024]);
  assert.deepEqual(c.asc, asc);
  assert.notEqual(c.asc, asc);
  assert.equal(codecString(c), 'mp4a.40.2');
});

test('two-byte ASCs: 44.1 kHz stereo, HE-AAC, 960-sample frames, 7.1 and an explicit rate', () => {
  assert.deepEqual(pick(aacConfigFromAsc(Uint8Array.of(0x12, 0x10))), [2, 44100, 2, 1024]);
  assert.deepEqual(pick(aacConfigFromAsc(Uint8Array.of(0x2b, 0x92, 0x08, 0x00))), [5, 22050, 2, 1024]);
  assert.deepEqual(pick(aacConfigFromAsc(Uint8Array.of(0x11, 0x94))), [2, 48000, 2, 960]);
  assert.deepEqual(pick(aacConfigFromAsc(Uint8Array.of(0x11, 0xb8))), [2, 48000, 8, 1024]);
  // AOT 2, index 15, explicit 24-bit rate 50000, mono
  assert.deepEqual(pick(aacConfigFromAsc(Uint8Array.of(0x17, 0x80, 0x61, 0xa8, 0x08))), [2, 50000, 1, 1024]);
});
const pick = (c: { objectType: number; sampleRate: number; channels: number; samplesPerFrame: number }) => [
  c.objectType, c.sampleRate, c.channels, c.samplesPerFrame,
];

test('bad ASCs give clear errors', () => {
  assert.throws(() => aacConfigFromAsc(Uint8Array.of(0x11)), /invalid AudioSpecificConfig: AudioSpecificConfig too short/);
  assert.throws(() => aacConfigFromAsc(Uint8Array.of(0x16, 0x90)), /index 13 is reserved/);
  assert.throws(() => aacConfigFromAsc(Uint8Array.of(0x11, 0x80)), /channelConfiguration 0 is not supported/);
});

test('real ffmpeg ADTS frames split into raw access units matching the stream config', () => {
  const adts = new Uint8Array(
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '0.5', '-ac', '1', '-c:a', 'aac', '-f', 'adts', '-']),
  );
  const frames = splitAdts(adts);
  assert.ok(frames.length >= 21 && frames.length <= 24, `${frames.length} frames`);
  const f = frames[0];
  assert.deepEqual([f.objectType, f.frequencyIndex, f.channelConfiguration], [2, 4, 1]);
  assert.deepEqual(buildAudioSpecificConfig(f.objectType, 44100, f.channelConfiguration), Uint8Array.of(0x12, 0x08));
  const total = frames.reduce((n, x) => n + x.data.length + 7, 0);
  assert.equal(total, adts.length);
  assert.throws(() => splitAdts(adts.subarray(0, adts.length - 1)), /frame length/);
  assert.throws(() => splitAdts(adts.subarray(1)), /no syncword/);
});
