import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h264ConfigFromAvcC } from './h264-config.js';
import { buildAvcDecoderConfig } from './avc-decoder-config.js';
import { encodeH264AnnexB, firstParameterSets } from './ffmpeg-h264.js';
import { codecString } from '../codec-string.js';

/** The avcC ffmpeg itself writes into an MP4 (its extradata), read back with ffprobe -show_data. */
function ffmpegAvcC(size: string, sar?: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'avcc-'));
  try {
    const file = join(dir, 'v.mp4');
    const src = `testsrc2=size=${size}:rate=25` + (sar ? `,setsar=${sar}` : '');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', src, '-frames:v', '2', '-c:v', 'libx264', '-preset', 'veryfast', file]);
    const json = execFileSync('ffprobe', ['-v', 'error', '-show_data', '-show_entries', 'stream=extradata', '-of', 'json', file]).toString();
    const dump: string = JSON.parse(json).streams[0].extradata;
    const hex = dump.split('\n').map((l) => l.slice(10, 50).replace(/ /g, '')).join('');
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('config from the avcC ffmpeg writes for 1280x720 with SAR 4:3', () => {
  const avcC = ffmpegAvcC('1280x720', '4/3');
  const c = h264ConfigFromAvcC(avcC);
  assert.deepEqual([c.width, c.height, c.sarWidth, c.sarHeight, c.frameRate, c.lengthSize], [1280, 720, 4, 3, 25, 4]);
  assert.deepEqual([c.profile, c.compatibility, c.level], [avcC[1], avcC[2], avcC[3]]);
  assert.equal(codecString(c), `avc1.${Buffer.from(avcC.subarray(1, 4)).toString('hex')}`);
  assert.equal(c.sps.length, 1);
  assert.equal(c.pps.length, 1);
  assert.deepEqual(c.avcC, avcC);
});

test('config from an avcC built out of real x264 parameter sets; the input is copied', () => {
  const { sps, pps } = firstParameterSets(encodeH264AnnexB({ width: 854, height: 480, fps: 30, frames: 1 }));
  const avcC = buildAvcDecoderConfig([sps], [pps]);
  const c = h264ConfigFromAvcC(avcC);
  assert.deepEqual([c.width, c.height, c.frameRate, c.sarWidth, c.sarHeight], [854, 480, 30, 1, 1]);
  avcC[10] ^= 0xff;
  assert.notEqual(c.avcC[10], avcC[10]);
  assert.deepEqual(c.sps[0], sps);
});

test('frame rate hint applies only when the SPS has no usable timing', () => {
  const { sps, pps } = firstParameterSets(encodeH264AnnexB({ width: 640, height: 360, fps: 30, frames: 1, extraArgs: ['-x264-params', 'force-cfr=1'] }));
  assert.equal(h264ConfigFromAvcC(buildAvcDecoderConfig([sps], [pps]), { frameRate: 25 }).frameRate, 30);
  // A hand-made baseline 640x352 SPS without VUI: the hint is all there is.
  const noVui = Uint8Array.of(0x67, 0x42, 0xc0, 0x1e, 0xf4, 0x05, 0x01, 0x6c, 0x80);
  const c = h264ConfigFromAvcC(buildAvcDecoderConfig([noVui], [pps]), { frameRate: 25 });
  assert.deepEqual([c.width, c.height, c.frameRate], [640, 352, 25]);
  assert.equal(h264ConfigFromAvcC(buildAvcDecoderConfig([noVui], [pps])).frameRate, undefined);
});

test('malformed avcC and SPS give clear ERR_MEDIA errors', () => {
  assert.throws(() => h264ConfigFromAvcC(Uint8Array.of(1, 2)), /invalid AVCDecoderConfigurationRecord: avcC too short/);
  assert.throws(() => h264ConfigFromAvcC(Uint8Array.of(1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 9, 0x67)), /parameter set past end/);
  const pps = Uint8Array.of(0x68, 0xeb);
  assert.throws(() => h264ConfigFromAvcC(buildAvcDecoderConfig([Uint8Array.of(0x67, 0x64, 0, 0x1f)], [pps])), /SPS truncated/);
});
