import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32Mpeg2 } from './crc32-mpeg2.js';
import { buildPatSection, buildPmtSection } from './psi-sections.js';
import { AUDIO_PID, STREAM_TYPE_AAC_ADTS, STREAM_TYPE_H264, VIDEO_PID } from './ts-ids.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

test('CRC-32/MPEG-2 check value of "123456789" is 0x0376E6E7', () => {
  assert.equal(crc32Mpeg2(new TextEncoder().encode('123456789')), 0x0376e6e7);
});

test('CRC of the standard single-program PAT (as ffmpeg writes it) is 2AB104B2', () => {
  const pat = hex('00 b0 0d 00 01 c1 00 00 00 01 f0 00');
  assert.equal(crc32Mpeg2(pat), 0x2ab104b2);
});

test('a section including its CRC checks to 0, as a decoder verifies it', () => {
  const pat = buildPatSection();
  assert.equal(crc32Mpeg2(pat), 0);
});

test('PAT: program 1 on PMT PID 0x1000, byte-identical to ffmpeg', () => {
  assert.deepEqual(buildPatSection(), hex('00 b0 0d 00 01 c1 00 00 00 01 f0 00 2a b1 04 b2'));
});

test('PMT: H.264 on 0x100 (PCR PID) and ADTS AAC on 0x101, byte-identical to ffmpeg', () => {
  const pmt = buildPmtSection(VIDEO_PID, [
    { streamType: STREAM_TYPE_H264, pid: VIDEO_PID },
    { streamType: STREAM_TYPE_AAC_ADTS, pid: AUDIO_PID },
  ]);
  assert.deepEqual(pmt, hex('02 b0 17 00 01 c1 00 00 e1 00 f0 00 1b e1 00 f0 00 0f e1 01 f0 00 2f 44 b9 9b'));
});

test('PMT for audio only names the audio PID as PCR PID', () => {
  const pmt = buildPmtSection(AUDIO_PID, [{ streamType: STREAM_TYPE_AAC_ADTS, pid: AUDIO_PID }]);
  assert.equal(((pmt[8] & 0x1f) << 8) | pmt[9], AUDIO_PID);
  assert.equal(crc32Mpeg2(pmt), 0);
});
