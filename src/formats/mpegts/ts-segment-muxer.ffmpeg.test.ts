import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { rescale } from '../../model/time.js';
import type { Sample } from '../../model/sample.js';
import { encodeRealMedia } from './ffmpeg-fixture.js';
import { checkTsSegment } from './ts-invariants.js';
import type { TsSegmentInput } from './ts-segment-input.js';
import { muxTsSegment } from './ts-segment-muxer.js';

const WRAP = 2n ** 33n;
const haveFfmpeg = existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe');

interface ProbePacket {
  stream_index: number;
  pts: number;
  dts: number;
  flags: string;
}
interface Probe {
  streams: { index: number; codec_name: string; width?: number; height?: number }[];
  packets: ProbePacket[];
}

/** The [pts, dts] pairs (mod 2^33) and key flags a demuxer should report for these samples. */
function expected(samples: readonly Sample[], timescale: number, decodeTime: bigint): { pts: number; dts: number; key: boolean }[] {
  let t = decodeTime;
  return samples.map((s) => {
    const dts = rescale(t, timescale, 90000);
    const pts = rescale(t + BigInt(s.compositionOffset), timescale, 90000);
    t += BigInt(s.duration);
    return { pts: Number(pts % WRAP), dts: Number(dts % WRAP), key: s.sync };
  });
}

const mod = (v: number) => Number(((BigInt(v) % WRAP) + WRAP) % WRAP);

describe('real tools: ffprobe and ffmpeg accept muxed segments', { skip: !haveFfmpeg && 'ffmpeg not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-ts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const media = haveFfmpeg ? encodeRealMedia({ seconds: 2, fps: 30, width: 320, height: 240 }) : undefined;

  function check(name: string, input: TsSegmentInput): void {
    const ts = muxTsSegment(input);
    assert.deepEqual(checkTsSegment(ts).violations, []);
    const file = join(dir, `${name}.ts`);
    writeFileSync(file, ts);

    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=index,codec_name,width,height', '-show_entries', 'packet=stream_index,pts,dts,flags', '-of', 'json', file], { encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stderr, '');
    const info = JSON.parse(probe.stdout) as Probe;
    const tracks: [string, { timescale: number; decodeTime: bigint; samples: readonly Sample[] } | undefined][] = [['h264', input.video], ['aac', input.audio]];
    assert.deepEqual(info.streams.map((s) => s.codec_name).sort(), tracks.filter(([, t]) => t).map(([c]) => c).sort());
    for (const [codec, track] of tracks) {
      if (!track) continue;
      const stream = info.streams.find((s) => s.codec_name === codec);
      assert.ok(stream);
      if (codec === 'h264') assert.deepEqual([stream.width, stream.height], [320, 240]);
      const got = info.packets.filter((p) => p.stream_index === stream.index).map((p) => ({ pts: mod(p.pts), dts: mod(p.dts), key: p.flags.startsWith('K') }));
      assert.deepEqual(got, expected(track.samples, track.timescale, track.decodeTime), `${name} ${codec}`);
    }

    const decode = spawnSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(decode.status, 0, decode.stderr);
    assert.equal(decode.stderr, '');
  }

  const audioStart = (videoStart: bigint) => rescale(videoStart + BigInt(media?.audioOffset90k ?? 0), 90000, 48000);

  test('A+V at decode time 2^33 + 12345 (already wrapped)', () => {
    assert.ok(media);
    const v = WRAP + 12345n;
    check('av', {
      video: { ...media.video, timescale: 90000, decodeTime: v },
      audio: { ...media.audio, timescale: 48000, decodeTime: audioStart(v) },
    });
  });

  test('A+V crossing the 33-bit wrap mid-segment', () => {
    assert.ok(media);
    const v = 3n * WRAP - 90000n + 12345n;
    check('av-wrap', {
      video: { ...media.video, timescale: 90000, decodeTime: v },
      audio: { ...media.audio, timescale: 48000, decodeTime: audioStart(v) },
    });
  });

  test('video only', () => {
    assert.ok(media);
    check('video', { video: { ...media.video, timescale: 90000, decodeTime: 126000n } });
  });

  test('audio only', () => {
    assert.ok(media);
    check('audio', { audio: { ...media.audio, timescale: 48000, decodeTime: 67200n } });
  });
});
