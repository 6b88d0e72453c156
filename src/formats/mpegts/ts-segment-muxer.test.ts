import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rescale } from '../../model/time.js';
import { fakeAacConfig, fakeAudioSamples, fakeH264Config, fakeVideoSamples, FAKE_PPS, FAKE_SPS, lengthPrefixed } from './synthetic-media.js';
import { checkTsSegment } from './ts-invariants.js';
import { AUDIO_PID, TIMESTAMP_WRAP, VIDEO_PID } from './ts-ids.js';
import { muxTsSegment } from './ts-segment-muxer.js';

const WRAP = BigInt(TIMESTAMP_WRAP);
const AUD = [0, 0, 0, 1, 0x09, 0xf0];

function av(videoStart: bigint, audioStart: bigint) {
  return {
    video: { config: fakeH264Config(), timescale: 90000, decodeTime: videoStart, samples: fakeVideoSamples(60, { fps: 30, gop: 30, frameBytes: 900 }) },
    audio: { config: fakeAacConfig(), timescale: 48000, decodeTime: audioStart, samples: fakeAudioSamples(94) },
  };
}

/** Splits the ADTS frames of an audio PES payload. */
function adtsFrames(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let pos = 0; pos < data.length; ) {
    assert.equal(data[pos], 0xff);
    const len = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | (data[pos + 5] >> 5);
    out.push(data.subarray(pos + 7, pos + len));
    pos += len;
  }
  return out;
}

test('A+V segment: packet-level invariants, every sample present once, exact timestamps', () => {
  const start = WRAP - 30000n; // the segment crosses the 33-bit wrap
  const input = av(start, rescale(start, 90000, 48000));
  const ts = muxTsSegment(input);
  const r = checkTsSegment(ts);
  assert.deepEqual(r.violations, []);
  assert.equal(r.pcrPid, VIDEO_PID);

  const video = r.pesByPid.get(VIDEO_PID) ?? [];
  assert.equal(video.length, 60);
  let t = start;
  video.forEach((pes, i) => {
    const s = input.video.samples[i];
    assert.equal(pes.dts, Number((t % WRAP + WRAP) % WRAP), `DTS ${i}`);
    assert.equal(pes.pts, Number((t + BigInt(s.compositionOffset)) % WRAP), `PTS ${i}`);
    assert.deepEqual([...pes.data.subarray(0, 6)], AUD);
    assert.equal(pes.randomAccess, s.sync);
    if (s.sync) assert.deepEqual([...pes.data.subarray(6, 10 + FAKE_SPS.length)], [0, 0, 0, 1, ...FAKE_SPS]);
    // The NAL bytes follow unchanged, each behind a start code.
    assert.deepEqual(pes.data.subarray(pes.data.length - (s.data.length - 4 - 16)), s.data.subarray(4 + 16));
    t += BigInt(s.duration);
  });

  const audio = r.pesByPid.get(AUDIO_PID) ?? [];
  const frames = audio.flatMap((pes) => adtsFrames(pes.data));
  assert.deepEqual(frames, input.audio.samples.map((s) => s.data));
  let first = 0;
  for (const pes of audio) {
    assert.equal(pes.pts, Number(rescale(input.audio.decodeTime + BigInt(first * 1024), 48000, 90000) % WRAP));
    assert.equal(pes.dts, pes.pts);
    first += adtsFrames(pes.data).length;
  }
});

test('A+V PES are interleaved in decode order', () => {
  const ts = muxTsSegment(av(900000n, 480000n));
  const r = checkTsSegment(ts);
  const starts = r.packets.filter((p) => p.unitStart && (p.pid === VIDEO_PID || p.pid === AUDIO_PID));
  const dts = starts.map((p) => {
    const pes = (r.pesByPid.get(p.pid) ?? []).shift();
    return pes?.dts ?? -1;
  });
  assert.deepEqual(dts, [...dts].sort((a, b) => a - b));
});

test('video only at 4 fps: PCR-only packets bridge the gaps, PCR ≤ DTS', () => {
  const samples = fakeVideoSamples(12, { fps: 4, gop: 12, frameBytes: 100 });
  const ts = muxTsSegment({ video: { config: fakeH264Config(), timescale: 90000, decodeTime: 0n, samples } });
  const r = checkTsSegment(ts);
  assert.deepEqual(r.violations, []);
  assert.ok(r.packets.some((p) => p.pcr !== undefined && !p.hasPayload));
  assert.equal(r.pesByPid.get(VIDEO_PID)?.length, 12);
  assert.equal(r.pesByPid.has(AUDIO_PID), false);
});

test('audio only: audio is the PCR PID and every PES carries a PCR', () => {
  const ts = muxTsSegment({ audio: { config: fakeAacConfig(44100), timescale: 44100, decodeTime: 2n ** 40n, samples: fakeAudioSamples(90) } });
  const r = checkTsSegment(ts);
  assert.deepEqual(r.violations, []);
  assert.equal(r.pcrPid, AUDIO_PID);
  const starts = r.packets.filter((p) => p.pid === AUDIO_PID && p.unitStart);
  assert.ok(starts.every((p) => p.pcr !== undefined && p.randomAccess));
  assert.equal(r.pesByPid.get(AUDIO_PID)?.flatMap((p) => adtsFrames(p.data)).length, 90);
});

test('misaligned tracks (audio hours before video) do not blow up the segment', () => {
  const input = av(90000n * 3600n * 10n, 0n);
  const ts = muxTsSegment(input);
  assert.ok(ts.length < 2 * 188 * 1000, `${ts.length} bytes`);
  assert.equal(checkTsSegment(ts).pesByPid.get(VIDEO_PID)?.length, 60);
});

test('in-band SPS/PPS and AUD are not duplicated', () => {
  const config = fakeH264Config();
  const idr = lengthPrefixed([Uint8Array.of(0x09, 0x10), FAKE_SPS, FAKE_PPS, Uint8Array.of(0x65, 1, 2, 3)]);
  const ts = muxTsSegment({ video: { config, timescale: 90000, decodeTime: 0n, samples: [{ duration: 3000, compositionOffset: 0, sync: true, data: idr }] } });
  const [pes] = checkTsSegment(ts).pesByPid.get(VIDEO_PID) ?? [];
  assert.deepEqual([...pes.data], [...AUD, 0, 0, 0, 1, ...FAKE_SPS, 0, 0, 0, 1, ...FAKE_PPS, 0, 0, 0, 1, 0x65, 1, 2, 3]);
});

test('negative composition offsets: PTS exact, DTS moved back so PTS ≥ DTS', () => {
  const samples = fakeVideoSamples(6, { fps: 30, gop: 6, frameBytes: 50 }).map((s, i) => ({ ...s, compositionOffset: [0, 6000, -3000, -3000, 3000, 0][i] }));
  const ts = muxTsSegment({ video: { config: fakeH264Config(), timescale: 90000, decodeTime: 90000n, samples } });
  const r = checkTsSegment(ts);
  assert.deepEqual(r.violations, []);
  const pes = r.pesByPid.get(VIDEO_PID) ?? [];
  assert.deepEqual(pes.map((p) => p.pts), [90000, 99000, 93000, 96000, 105000, 105000]);
  assert.deepEqual(pes.map((p) => p.dts), [87000, 90000, 93000, 96000, 99000, 102000]);
});

test('muxing is deterministic and rejects an empty input', () => {
  assert.deepEqual(muxTsSegment(av(0n, 0n)), muxTsSegment(av(0n, 0n)));
  assert.throws(() => muxTsSegment({}), RangeError);
});

test('malformed NAL length is a media error', () => {
  const bad = { duration: 3000, compositionOffset: 0, sync: true, data: Uint8Array.of(0, 0, 0, 9, 0x65) };
  assert.throws(() => muxTsSegment({ video: { config: fakeH264Config(), timescale: 90000, decodeTime: 0n, samples: [bad] } }), /past end/);
});
