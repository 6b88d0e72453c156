import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readFlvTags, type FlvTag } from '../../formats/flv/flv-tag-sequence.js';
import { parseFlvAudio } from '../../formats/flv/parse-flv-audio.js';
import { parseFlvVideo } from '../../formats/flv/parse-flv-video.js';
import { boxPayload, boxReader, readBoxes } from '../../formats/mp4/box-reader.js';
import { encodeRealMedia } from '../../formats/mpegts/ffmpeg-fixture.js';
import type { H264Config } from '../../model/codec.js';
import { rescale } from '../../model/time.js';
import { muxF4fFragment, type F4fInput } from './f4f-fragment.js';

const haveFfmpeg = existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe');
/** A channel about 3 hours old: 90 kHz video and 48 kHz audio decode times far from 0. */
const VIDEO_START = 90000n * 10_800n;

function realInput(): F4fInput {
  const media = encodeRealMedia({ seconds: 2, fps: 30, width: 320, height: 240 });
  const audioStart = rescale(VIDEO_START + BigInt(media.audioOffset90k), 90000, 48000);
  return {
    video: { config: media.video.config, timescale: 90000, decodeTime: VIDEO_START, samples: media.video.samples },
    audio: { config: media.audio.config, timescale: 48000, decodeTime: audioStart, samples: media.audio.samples },
  };
}

/** What a client keeps of a fragment: the mdat payload (yt-dlp f4m.py), read as FLV tags. */
function fragmentTags(f4f: Uint8Array): { boxes: string[]; tags: FlvTag[]; afra: { time: bigint; offset: number } } {
  const boxes = readBoxes(f4f);
  const afra = boxReader(boxes[0]);
  afra.u32();
  afra.u8();
  assert.equal(afra.u32(), 1000, 'afra timescale');
  assert.equal(afra.u32(), 1, 'one random access point');
  const point = { time: afra.u64(), offset: afra.u32() };
  return { boxes: boxes.map((b) => b.type), tags: readFlvTags(boxPayload(boxes[1])), afra: point };
}

describe('F4F fragments: boxes and FLV tags', () => {
  it('afra + mdat; sequence headers first at the fragment start, then a key frame, times in order', { skip: !haveFfmpeg && 'ffmpeg not installed' }, () => {
    const input = realInput();
    const f4f = muxF4fFragment(input);
    const { boxes, tags, afra } = fragmentTags(f4f);
    assert.deepEqual(boxes, ['afra', 'mdat']);
    const start = Number(rescale(VIDEO_START, 90000, 1000));
    assert.equal(afra.time, BigInt(Math.min(start, tags[2].timestamp)));
    // The random access point is the first tag of the mdat payload.
    assert.equal(f4f[afra.offset], 9);
    assert.deepEqual(parseFlvVideo(tags[0].data), { kind: 'config', codec: 'avc', data: input.video!.config.avcC });
    assert.deepEqual(parseFlvAudio(tags[1].data), { kind: 'config', codec: 'aac', data: input.audio!.config.asc });
    assert.equal(tags[0].timestamp, tags[1].timestamp);
    const frames = tags.slice(2).map((t) => ({ t, p: t.type === 9 ? parseFlvVideo(t.data) : parseFlvAudio(t.data) }));
    const video = frames.filter((f) => f.t.type === 9);
    assert.equal(video.length, input.video!.samples.length);
    assert.equal(frames.length - video.length, input.audio!.samples.length);
    assert.deepEqual(video[0].p, { kind: 'frame', codec: 'avc', keyframe: true, compositionTime: (video[0].p as { compositionTime: number }).compositionTime, data: input.video!.samples[0].data });
    for (let i = 1; i < tags.length; i++) assert.ok(tags[i].timestamp >= tags[i - 1].timestamp, `tag ${i} goes back in time`);
  });

  it('timestamps wrap at 2^32 ms like every FLV timestamp', () => {
    const data = Uint8Array.of(0, 0, 0, 1, 0x65);
    const config: H264Config = { kind: 'h264', avcC: Uint8Array.of(1, 66, 0, 30, 0xff, 0xe0, 0), sps: [], pps: [], lengthSize: 4, profile: 66, compatibility: 0, level: 30, width: 2, height: 2, sarWidth: 1, sarHeight: 1 };
    const decodeTime = (2n ** 32n + 5n) * 90n; // 2^32 + 5 ms
    const { tags } = fragmentTags(muxF4fFragment({ video: { config, timescale: 90000, decodeTime, samples: [{ duration: 3000, compositionOffset: 0, sync: true, data }] } }));
    assert.deepEqual(tags.map((t) => t.timestamp), [5, 5]);
  });
});

interface ProbePacket {
  codec_type: string;
  pts_time: string;
  dts_time: string;
  flags: string;
}

describe('ffprobe decodes the FLV a client makes of consecutive fragments', { skip: !haveFfmpeg && 'ffmpeg not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-hds-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every sample comes back with its time, key frames flagged, in two fragments joined', () => {
    const input = realInput();
    // Split the 2 s at the second key frame: two fragments, as a client downloads them in turn.
    const cut = input.video!.samples.findIndex((s, i) => i > 0 && s.sync);
    assert.ok(cut > 0);
    const cutTicks = input.video!.samples.slice(0, cut).reduce((n, s) => n + BigInt(s.duration), 0n);
    const audioCutTime = rescale(VIDEO_START + cutTicks, 90000, 48000);
    let t = input.audio!.decodeTime;
    const audioCut = input.audio!.samples.findIndex((s) => (t += BigInt(s.duration)) > audioCutTime);
    const parts: F4fInput[] = [
      { video: { ...input.video!, samples: input.video!.samples.slice(0, cut) }, audio: { ...input.audio!, samples: input.audio!.samples.slice(0, audioCut) } },
      {
        video: { ...input.video!, decodeTime: VIDEO_START + cutTicks, samples: input.video!.samples.slice(cut) },
        audio: { ...input.audio!, decodeTime: input.audio!.decodeTime + BigInt(audioCut * 1024), samples: input.audio!.samples.slice(audioCut) },
      },
    ];
    // yt-dlp f4m.py write_flv_header: "FLV", version 1, audio+video flags, header size 9, PreviousTagSize0.
    const header = Uint8Array.of(0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
    const mdats = parts.map((p) => boxPayload(readBoxes(muxF4fFragment(p))[1]));
    const file = join(dir, 'joined.flv');
    writeFileSync(file, Buffer.concat([header, ...mdats]));
    const probe = spawnSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,dts_time,flags', '-of', 'json', file], { encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stderr, '');
    const packets = (JSON.parse(probe.stdout) as { packets: ProbePacket[] }).packets;
    const video = packets.filter((p) => p.codec_type === 'video');
    const audio = packets.filter((p) => p.codec_type === 'audio');
    assert.equal(video.length, input.video!.samples.length);
    assert.equal(audio.length, input.audio!.samples.length);
    // FLV keeps ms: each video packet's DTS and PTS are the sample's, rounded to the ms.
    let dts = VIDEO_START;
    input.video!.samples.forEach((s, i) => {
      const want = (ticks: bigint) => (Number(rescale(ticks, 90000, 1000)) / 1000).toFixed(3);
      assert.equal(Number(video[i].dts_time).toFixed(3), want(dts), `video ${i} dts`);
      assert.equal(Number(video[i].pts_time).toFixed(3), want(dts + BigInt(s.compositionOffset)), `video ${i} pts`);
      assert.equal(video[i].flags.startsWith('K'), s.sync, `video ${i} key flag`);
      dts += BigInt(s.duration);
    });
    let audioTime = input.audio!.decodeTime;
    input.audio!.samples.forEach((s, i) => {
      assert.equal(Number(audio[i].dts_time).toFixed(3), (Number(rescale(audioTime, 48000, 1000)) / 1000).toFixed(3), `audio ${i} dts`);
      audioTime += BigInt(s.duration);
    });
    // And ffmpeg decodes all of it without a complaint.
    const decode = spawnSync('/usr/bin/ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(decode.status, 0, decode.stderr);
    assert.equal(decode.stderr.trim(), '');
  });
});
