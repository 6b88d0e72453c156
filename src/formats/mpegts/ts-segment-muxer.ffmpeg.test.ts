import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeHevcFragmentedMp4 } from '../../codecs/hevc/ffmpeg-hevc.js';
import type { NalVideoCodecConfig } from '../../model/codec.js';
import { rescale } from '../../model/time.js';
import type { Sample } from '../../model/sample.js';
import { readBoxes } from '../mp4/box-reader.js';
import { readFragment } from '../mp4/fragment-reader.js';
import { readMovieTracks } from '../mp4/movie-tracks.js';
import { encodeRealMedia } from './ffmpeg-fixture.js';
import { collectPes, inspectTsPackets } from './ts-inspector.js';
import { checkTsSegment } from './ts-invariants.js';
import type { TsSegmentInput } from './ts-segment-input.js';
import { VIDEO_PID } from './ts-ids.js';
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
    const videoCodec = input.video?.config.kind === 'h265' ? 'hevc' : 'h264';
    const tracks: [string, { timescale: number; decodeTime: bigint; samples: readonly Sample[] } | undefined][] = [[videoCodec, input.video], ['aac', input.audio]];
    assert.deepEqual(info.streams.map((s) => s.codec_name).sort(), tracks.filter(([, t]) => t).map(([c]) => c).sort());
    for (const [codec, track] of tracks) {
      if (!track) continue;
      const stream = info.streams.find((s) => s.codec_name === codec);
      assert.ok(stream);
      if (codec === videoCodec) assert.deepEqual([stream.width, stream.height], [320, 240]);
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

  test('HEVC (libx265 with B-frames) + AAC: stream type 0x24, VPS/SPS/PPS before each key frame', () => {
    assert.ok(media);
    const video = libx265Samples();
    const v = 900_000n;
    const input: TsSegmentInput = {
      video: { ...video, timescale: 90000, decodeTime: v },
      audio: { ...media.audio, timescale: 48000, decodeTime: rescale(v, 90000, 48000) },
    };
    check('hevc', input); // ffprobe names the stream hevc from its stream_type, and ffmpeg decodes it
    // Each access unit starts with an HEVC AUD; key frames carry VPS, SPS, PPS (types 32–34) next.
    const pes = collectPes(inspectTsPackets(muxTsSegment(input)), VIDEO_PID);
    assert.equal(pes.length, 60);
    for (const p of pes) {
      assert.deepEqual([...p.data.subarray(0, 7)], [0, 0, 0, 1, 0x46, 0x01, 0x50]);
      const types = nalTypesAfterAud(p.data);
      assert.deepEqual(types.slice(0, 3), p.randomAccess ? [32, 33, 34] : types.slice(0, 3).filter((t) => t < 32));
    }
    assert.equal(pes.filter((p) => p.randomAccess).length, 2);
  });
});

/** Two seconds of libx265 (key frame every 30, B-frames on) as samples in 90 kHz ticks. */
function libx265Samples(): { config: NalVideoCodecConfig; samples: Sample[] } {
  const mp4 = encodeHevcFragmentedMp4({ width: 320, height: 240, fps: 30, frames: 60, x265Params: 'keyint=30:min-keyint=30:scenecut=0:bframes=2' });
  const boxes = readBoxes(mp4);
  const movie = readMovieTracks(boxes.find((b) => b.type === 'moov')!);
  const source = movie.tracks[0];
  assert.equal(source.codec?.kind, 'h265');
  // readFragment joins the contiguous moof/mdat pairs that follow the first one.
  const firstMoof = boxes.find((b) => b.type === 'moof')!;
  const samples = readFragment(mp4.subarray(firstMoof.start), movie.defaults.get(source.trackId))
    .samples.map((s) => ({ ...s, duration: (s.duration * 90000) / source.timescale, compositionOffset: (s.compositionOffset * 90000) / source.timescale }));
  assert.equal(samples.length, 60);
  assert.ok(samples.every((s) => Number.isInteger(s.duration) && Number.isInteger(s.compositionOffset)), 'ffmpeg timescale divides 90 kHz');
  return { config: source.codec, samples };
}

/** HEVC nal_unit_type of each unit after the 4-byte start codes of an Annex B access unit. */
function nalTypesAfterAud(data: Uint8Array): number[] {
  const types: number[] = [];
  for (let i = 7; i + 4 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0 && data[i + 3] === 1) types.push((data[i + 4] >> 1) & 0x3f);
  }
  return types;
}
