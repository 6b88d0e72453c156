import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlvAudio } from './parse-flv-audio.js';
import { buildFlvAudio } from './build-flv-audio.js';
import type { FlvAudioPacket } from './flv-tag.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

const cases: { name: string; packet: FlvAudioPacket; bytes: string; enhanced?: boolean }[] = [
  { name: 'AAC config (ffmpeg 5-byte ASC)', packet: { kind: 'config', codec: 'aac', data: hex('119056e500') }, bytes: 'af 00 119056e500' },
  { name: 'AAC raw frame', packet: { kind: 'frame', codec: 'aac', data: hex('210049') }, bytes: 'af 01 210049' },
  { name: 'E-RTMP mp4a sequence start', packet: { kind: 'config', codec: 'aac', data: hex('1190') }, bytes: '90 6d703461 1190', enhanced: true },
  { name: 'E-RTMP mp4a coded frames', packet: { kind: 'frame', codec: 'aac', data: hex('21') }, bytes: '91 6d703461 21', enhanced: true },
];

describe('FLV audio round trips', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(parseFlvAudio(hex(c.bytes)), c.packet);
      assert.equal(Buffer.from(buildFlvAudio(c.packet, { enhanced: c.enhanced })).toString('hex'), c.bytes.replace(/\s+/g, ''));
    });
  }

  it('ignores the rate/size/type bits of an AAC header', () => {
    assert.deepEqual(parseFlvAudio(hex('a2 01 21')), { kind: 'frame', codec: 'aac', data: hex('21') });
  });
});

describe('FLV audio: everything else is other', () => {
  const others: { name: string; bytes: string; reason: RegExp }[] = [
    { name: 'empty', bytes: '', reason: /empty/ },
    { name: 'MP3', bytes: '2f ffe3', reason: /MP3/ },
    { name: 'AAC header only', bytes: 'af', reason: /truncated/ },
    { name: 'empty ASC', bytes: 'af 00', reason: /AudioSpecificConfig/ },
    { name: 'AAC packet type 2', bytes: 'af 02 00', reason: /packet type 2/ },
    { name: 'Opus', bytes: '90 4f707573 00', reason: /FourCC "Opus"/ },
    { name: 'mp4a sequence end', bytes: '92 6d703461', reason: /packet type 2/ },
    { name: 'truncated ExAudio', bytes: '91 6d70', reason: /truncated/ },
  ];
  for (const c of others) {
    it(c.name, () => {
      const p = parseFlvAudio(hex(c.bytes));
      assert.equal(p.kind, 'other');
      assert.match((p as { reason: string }).reason, c.reason);
    });
  }
});
