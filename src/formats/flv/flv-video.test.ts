import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlvVideo } from './parse-flv-video.js';
import { buildFlvVideo } from './build-flv-video.js';
import type { FlvVideoPacket } from './flv-tag.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const data = hex('00000002 0910');

/** Packets and their exact message bodies (FLV 10.1 §E.4.3, enhanced-rtmp ExVideoTagHeader). */
const cases: { name: string; packet: FlvVideoPacket; bytes: string; enhanced?: boolean }[] = [
  { name: 'AVC sequence header', packet: { kind: 'config', codec: 'avc', data: hex('0164001f') }, bytes: '17 00 000000 0164001f' },
  { name: 'AVC keyframe', packet: { kind: 'frame', codec: 'avc', keyframe: true, compositionTime: 66, data }, bytes: '17 01 000042 00000002 0910' },
  { name: 'AVC inter frame, negative CTS', packet: { kind: 'frame', codec: 'avc', keyframe: false, compositionTime: -33, data }, bytes: '27 01 ffffdf 00000002 0910' },
  { name: 'AVC end of sequence', packet: { kind: 'end-of-sequence', codec: 'avc' }, bytes: '17 02 000000' },
  { name: 'avc1 sequence start', packet: { kind: 'config', codec: 'avc', data: hex('0164') }, bytes: '90 61766331 0164', enhanced: true },
  { name: 'avc1 coded frames', packet: { kind: 'frame', codec: 'avc', keyframe: false, compositionTime: 40, data }, bytes: 'a1 61766331 000028 00000002 0910', enhanced: true },
  { name: 'hvc1 sequence start', packet: { kind: 'config', codec: 'hevc', data: hex('01') }, bytes: '90 68766331 01' },
  { name: 'hvc1 key coded frames', packet: { kind: 'frame', codec: 'hevc', keyframe: true, compositionTime: -1, data }, bytes: '91 68766331 ffffff 00000002 0910' },
  { name: 'hvc1 coded frames X', packet: { kind: 'frame', codec: 'hevc', keyframe: false, compositionTime: 0, data }, bytes: 'a3 68766331 00000002 0910' },
  { name: 'hvc1 sequence end', packet: { kind: 'end-of-sequence', codec: 'hevc' }, bytes: '92 68766331' },
  { name: 'av01 sequence start', packet: { kind: 'config', codec: 'av1', data: hex('81000c00') }, bytes: '90 61763031 81000c00' },
  { name: 'av01 coded frames (no CTS)', packet: { kind: 'frame', codec: 'av1', keyframe: true, compositionTime: 0, data: hex('12000a') }, bytes: '91 61763031 12000a' },
];

describe('FLV video round trips', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(parseFlvVideo(hex(c.bytes)), c.packet);
      assert.equal(Buffer.from(buildFlvVideo(c.packet, { enhanced: c.enhanced })).toString('hex'), c.bytes.replace(/\s+/g, ''));
    });
  }

  it('reads avc1/hvc1 CodedFrames with a CTS and CodedFramesX without one', () => {
    assert.deepEqual(parseFlvVideo(hex('a1 68766331 000021 aa')), { kind: 'frame', codec: 'hevc', keyframe: false, compositionTime: 33, data: hex('aa') });
    assert.deepEqual(parseFlvVideo(hex('b3 61766331 aa')), { kind: 'frame', codec: 'avc', keyframe: false, compositionTime: 0, data: hex('aa') });
  });

  it('treats a generated keyframe (frame type 4) as a keyframe', () => {
    assert.equal((parseFlvVideo(hex('47 01 000000 aa')) as { keyframe: boolean }).keyframe, true);
  });

  it('refuses to build an AV1 frame with a composition time', () => {
    assert.throws(() => buildFlvVideo({ kind: 'frame', codec: 'av1', keyframe: true, compositionTime: 3, data }), /AV1/);
  });
});

describe('FLV video: everything else is other', () => {
  const others: { name: string; bytes: string; reason: RegExp }[] = [
    { name: 'empty', bytes: '', reason: /empty/ },
    { name: 'Sorenson H.263', bytes: '22 0000', reason: /codec id 2/ },
    { name: 'non-standard HEVC codec id 12', bytes: '1c 01 000000 aa', reason: /codec id 12/ },
    { name: 'legacy command frame', bytes: '57 00', reason: /command/ },
    { name: 'truncated AVC', bytes: '17 01 00', reason: /truncated/ },
    { name: 'empty AVC frame', bytes: '27 01 000000', reason: /empty AVC frame/ },
    { name: 'unknown AVC packet type', bytes: '17 05 000000 aa', reason: /packet type 5/ },
    { name: 'E-RTMP metadata', bytes: '84 61763031 02 0009 636f6c6f72496e666f', reason: /metadata/ },
    { name: 'E-RTMP command frame', bytes: 'd0 61763031 00', reason: /command frame/ },
    { name: 'vp09', bytes: '90 76703039 01', reason: /FourCC "vp09"/ },
    { name: 'multitrack', bytes: '96 00 61763031', reason: /multitrack/ },
    { name: 'truncated FourCC', bytes: '91 6176', reason: /truncated/ },
    { name: 'hvc1 coded frames cut inside the CTS', bytes: '91 68766331 00', reason: /truncated/ },
  ];
  for (const c of others) {
    it(c.name, () => {
      const p = parseFlvVideo(hex(c.bytes));
      assert.equal(p.kind, 'other');
      assert.match((p as { reason: string }).reason, c.reason);
    });
  }
});
