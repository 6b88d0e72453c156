import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSps } from './sps.js';
import { encodeH264AnnexB, firstParameterSets, type H264EncodeOptions } from './ffmpeg-h264.js';

const realSps = (o: Omit<H264EncodeOptions, 'frames'>) => parseSps(firstParameterSets(encodeH264AnnexB({ frames: 1, ...o })).sps);

test('x264 854x480 at 30 fps: right-edge cropping and VUI timing', () => {
  const sps = realSps({ width: 854, height: 480, fps: 30 });
  assert.equal(sps.profile, 100);
  assert.equal(sps.chromaFormat, 1);
  assert.equal(sps.width, 854);
  assert.equal(sps.height, 480);
  assert.equal(sps.frameRate, 30);
  assert.deepEqual([sps.sarWidth, sps.sarHeight], [1, 1]);
  assert.ok(sps.frameMbsOnly);
});

test('x264 1280x720, 640x360 and 1920x1080 (bottom crop of 8 lines)', () => {
  for (const [w, h, fps] of [[1280, 720, 25], [640, 360, 60], [1920, 1080, 24]]) {
    const sps = realSps({ width: w, height: h, fps });
    assert.deepEqual([sps.width, sps.height, sps.frameRate], [w, h, fps]);
  }
});

test('x264 NTSC rate 30000/1001', () => {
  const sps = realSps({ width: 640, height: 360, fps: '30000/1001' });
  assert.equal(sps.frameRate, 30000 / 1001);
});

test('x264 baseline profile has no chroma/scaling fields', () => {
  const sps = realSps({ width: 640, height: 360, fps: 30, extraArgs: ['-profile:v', 'baseline'] });
  assert.equal(sps.profile, 66);
  assert.deepEqual([sps.width, sps.height], [640, 360]);
});

test('x264 High 4:2:2 and High 4:4:4 Predictive: chroma format changes the crop unit', () => {
  const s422 = realSps({ width: 854, height: 482, fps: 30, pixFmt: 'yuv422p' });
  assert.deepEqual([s422.profile, s422.chromaFormat, s422.width, s422.height], [122, 2, 854, 482]);
  const s444 = realSps({ width: 850, height: 474, fps: 30, pixFmt: 'yuv444p' });
  assert.deepEqual([s444.profile, s444.chromaFormat, s444.width, s444.height], [244, 3, 850, 474]);
});

test('x264 10-bit High 10', () => {
  const sps = realSps({ width: 640, height: 360, fps: 30, pixFmt: 'yuv420p10le' });
  assert.deepEqual([sps.profile, sps.bitDepthLuma, sps.width, sps.height], [110, 10, 640, 360]);
});

test('x264 interlaced 1920x1080: field pairs double the vertical crop unit', () => {
  const sps = realSps({ width: 1920, height: 1080, fps: 25, extraArgs: ['-flags', '+ildct+ilme'] });
  assert.equal(sps.frameMbsOnly, false);
  assert.deepEqual([sps.width, sps.height], [1920, 1080]);
});

test('x264 with a custom quantisation matrix: scaling lists are skipped correctly', () => {
  const sps = realSps({ width: 854, height: 480, fps: 30, extraArgs: ['-x264-params', 'cqm=jvt'] });
  assert.deepEqual([sps.width, sps.height, sps.frameRate], [854, 480, 30]);
  const flat = realSps({ width: 854, height: 480, fps: 30, extraArgs: ['-x264-params', 'cqm4iy=' + Array(16).fill(20).join(',')] });
  assert.deepEqual([flat.width, flat.height, flat.frameRate], [854, 480, 30]);
});

test('x264 non-square SAR: table entry 4:3 and Extended_SAR 5:4', () => {
  const table = realSps({ width: 720, height: 576, fps: 25, filter: 'setsar=4/3' });
  assert.deepEqual([table.sarWidth, table.sarHeight], [4, 3]);
  const ext = realSps({ width: 720, height: 576, fps: 25, filter: 'setsar=5/4' });
  assert.deepEqual([ext.sarWidth, ext.sarHeight], [5, 4]);
});
