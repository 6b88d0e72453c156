import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { codecString } from '../../codecs/codec-string.js';
import { generateTestMedia, type TestMedia } from '../../formats/mp4/test-media.js';
import { ByteWriter } from '../../formats/bytes/byte-writer.js';
import { box } from '../../formats/mp4/box-writer.js';
import type { Sample } from '../../model/sample.js';
import { TributaryError } from '../../util/errors.js';
import type { SmoothFragmentEvent, SmoothHeaderEvent, SmoothIngestEvent } from './smooth-ingest-event.js';
import { SmoothIngestParser } from './smooth-ingest-parser.js';
import { concat, emptyMfra, fragment, ftyp, manifestBox, moov, smilFor, uuidBox, type TestTrack } from './smooth-test-stream.js';

let m: TestMedia;
let tracks: TestTrack[];
before(() => {
  m = generateTestMedia({ width: 320, height: 240, fps: 30, frames: 120, gop: 60, audioFrames: 190 });
  tracks = [
    { trackId: 1, timescale: 10_000_000, codec: m.videoTrack.codec as TestTrack['codec'] },
    { trackId: 2, timescale: 10_000_000, codec: m.audioTrack.codec as TestTrack['codec'] },
  ];
});

/** 10 MHz copies of the test samples (video 333333 per frame, audio 213333 per frame). */
const video = (from: number, to: number): Sample[] => m.videoSamples.slice(from, to).map((s) => ({ ...s, duration: 333_333, compositionOffset: s.sync ? 0 : 666_666 }));
const audio = (from: number, to: number): Sample[] => m.audioSamples.slice(from, to).map((s) => ({ ...s, duration: 213_333 }));

function header(): Uint8Array {
  const smil = smilFor([
    { type: 'video', trackId: 1, bitrate: 500_000, name: 'video_und' },
    { type: 'audio', trackId: 2, bitrate: 96_000, name: 'audio_und', language: 'en' },
  ]);
  return concat(ftyp(), manifestBox(smil), moov(tracks));
}

/** An ffmpeg-like stream: one traf per moof, tfxd v1, audio starting negative, an empty mfra. */
function ffmpegLike(): Uint8Array {
  return concat(
    header(),
    fragment(1, [{ trackId: 1, time: 0n, samples: video(0, 60) }]),
    fragment(2, [{ trackId: 2, time: -213_333n, samples: audio(0, 95) }]),
    fragment(3, [{ trackId: 1, time: 19_999_980n, samples: video(60, 120) }]),
    fragment(4, [{ trackId: 2, time: 20_053_302n, samples: audio(95, 190) }]),
    emptyMfra(),
  );
}

function parseAll(bytes: Uint8Array, chunk = bytes.length, parser = new SmoothIngestParser()): SmoothIngestEvent[] {
  const events: SmoothIngestEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...parser.push(bytes.subarray(i, i + chunk)));
  events.push(...parser.end());
  return events;
}

const fragments = (events: SmoothIngestEvent[]) => events.filter((e): e is SmoothFragmentEvent => e.kind === 'fragment');
const isError = (code: string, re: RegExp) => (e: unknown) => e instanceof TributaryError && e.code === code && re.test(e.message);

test('an ffmpeg-like stream gives the header, every fragment with its samples, then the end', () => {
  const events = parseAll(ffmpegLike());
  assert.deepEqual(events.map((e) => e.kind), ['header', 'fragment', 'fragment', 'fragment', 'fragment', 'end']);
  const h = events[0] as SmoothHeaderEvent;
  assert.deepEqual(
    h.tracks.map((t) => [t.trackId, t.type, t.timescale, codecString(t.codec), t.bitrate, t.name, t.language]),
    [
      [1, 'video', 10_000_000, codecString(m.videoTrack.codec), 500_000, 'video', 'und'],
      [2, 'audio', 10_000_000, 'mp4a.40.2', 96_000, 'audio', 'en'],
    ],
  );
  const f = fragments(events);
  assert.deepEqual(f.map((x) => [x.trackId, x.decodeTime, x.duration, x.samples.length]), [
    [1, 0n, 60 * 333_333, 60],
    [2, -213_333n, 95 * 213_333, 95],
    [1, 19_999_980n, 60 * 333_333, 60],
    [2, 20_053_302n, 95 * 213_333, 95],
  ]);
  const v = video(0, 60);
  f[0].samples.forEach((s, i) => assert.deepEqual(s, v[i]));
  assert.deepEqual(f[1].samples[3].data, m.audioSamples[3].data);
});

test('byte-by-byte and odd-sized chunks give the same events, and memory stays at one box', () => {
  const bytes = ffmpegLike();
  const whole = parseAll(bytes);
  for (const chunk of [1, 7, 4093]) assert.deepEqual(parseAll(bytes, chunk), whole);
  const p = new SmoothIngestParser();
  let most = 0;
  for (let i = 0; i < bytes.length; i += 1000) {
    p.push(bytes.subarray(i, i + 1000));
    most = Math.max(most, p.bytesBuffered);
  }
  // The largest box (a video mdat) plus one chunk.
  assert.ok(most < 60 * 2000 + 2000, `held ${most} bytes`);
  assert.equal(p.bytesReceived, bytes.length);
});

test('needing more bytes is an empty list, not an error', () => {
  const p = new SmoothIngestParser();
  assert.deepEqual(p.push(ftyp().subarray(0, 5)), []);
  assert.equal(p.needed, 3);
  assert.deepEqual(p.push(ftyp().subarray(5)), []);
});

test('several trafs per moof: relative, implicit, default-base-is-moof and absolute base data offsets', () => {
  const trafs = () => [
    { trackId: 1, time: 0n, samples: video(0, 30) },
    { trackId: 2, time: 0n, samples: audio(0, 47) },
  ];
  const h = header();
  for (const o of [{}, { implicitOffsets: true }, { base: 'default-base-is-moof' as const }, { base: { absoluteMoofOffset: h.length } }, { largeMdat: true }]) {
    const f = fragments(parseAll(concat(h, fragment(1, trafs(), o))));
    assert.deepEqual(f.map((x) => [x.trackId, x.samples.length]), [[1, 30], [2, 47]], JSON.stringify(o));
    assert.deepEqual(f[1].samples[46].data, m.audioSamples[46].data);
    assert.deepEqual(f[0].samples[29].data, m.videoSamples[29].data);
  }
});

test('times: tfxd v0, tfxd v1 negative, tfdt without tfxd; trun v0; durations from tfxd when trun has none', () => {
  const f = fragments(
    parseAll(
      concat(
        header(),
        fragment(1, [{ trackId: 2, time: 1234n, tfxd: 0, samples: audio(0, 3) }]),
        fragment(2, [{ trackId: 2, time: -5n, samples: audio(3, 6), trunVersion: 0 }]),
        fragment(3, [{ trackId: 2, time: 0n, tfxd: 'none', tfdt: 99_000n, samples: audio(6, 9) }]),
        fragment(4, [{ trackId: 2, time: 700n, samples: audio(9, 12), noDurations: true }]),
      ),
    ),
  );
  assert.deepEqual(f.map((x) => x.decodeTime), [1234n, -5n, 99_000n, 700n]);
  // No durations in trun: the tfxd duration shared out, the remainder on the last sample.
  assert.deepEqual(f[3].samples.map((s) => s.duration), [213_333, 213_333, 213_333]);
  assert.equal(f[3].duration, 3 * 213_333);
});

test('a fragment with neither tfxd nor tfdt is refused with a reason', () => {
  const bytes = concat(header(), fragment(1, [{ trackId: 2, time: 0n, tfxd: 'none', samples: audio(0, 3) }]));
  assert.throws(() => parseAll(bytes), isError('ERR_MEDIA', /neither tfxd nor tfdt/));
});

test('64-bit box sizes, a size-0 mdat to the end, unknown boxes and uuids skipped, empty mfra', () => {
  const w = new ByteWriter(32);
  w.u32(1).ascii('free').u64(24n).u64(0n);
  const large = w.finish();
  const frag = fragment(1, [{ trackId: 2, time: 0n, samples: audio(0, 5) }]);
  // Rewrite the mdat size to 0: "to the end of the stream".
  const mdatAt = frag.length - (5 * 0 + audio(0, 5).reduce((n, s) => n + s.data.length, 0) + 8);
  const toEnd = frag.slice();
  new DataView(toEnd.buffer).setUint32(mdatAt, 0);
  const bytes = concat(header(), large, uuidBox('00112233445566778899aabbccddeeff', new Uint8Array(100)), box('skip', new Uint8Array(10)), emptyMfra(), toEnd);
  const f = fragments(parseAll(bytes, 3));
  assert.equal(f.length, 1);
  assert.equal(f[0].samples.length, 5);
});

test('box sizes above the limits are refused from the header, before anything is buffered', () => {
  const cases: [Uint8Array, RegExp][] = [];
  const big = (type: string, size: number) => {
    const w = new ByteWriter(16);
    w.u32(size).ascii(type);
    return w.finish();
  };
  cases.push([concat(ftyp(), big('moov', 2 << 20)), /'moov' box at offset 24 is 2097152 bytes; the limit is 1048576/]);
  const w = new ByteWriter(16);
  w.u32(1).ascii('mdat').u64(2n ** 40n);
  const h = header();
  const oneSample = fragment(1, [{ trackId: 2, time: 0n, samples: audio(0, 1) }]);
  const moofOnly = oneSample.subarray(0, oneSample.length - 8 - m.audioSamples[0].data.length);
  cases.push([concat(h, moofOnly, w.finish()), /'mdat' box .* is 1099511627776 bytes/]);
  const manifestHeader = uuidBox('a5d40b30e81411ddba2f0800200c9a66', new Uint8Array(0)).slice(0, 24);
  new DataView(manifestHeader.buffer).setUint32(0, 300_000);
  cases.push([concat(ftyp(), manifestHeader), /Live Server Manifest Box .* limit is 262144/]);
  cases.push([concat(h, big('moof', 0x7fffffff)), /'moof' box/]);
  for (const [bytes, re] of cases) {
    const p = new SmoothIngestParser();
    // Events completed in the same push (the header) are handed over; the error is set at once
    // and thrown by the next call.
    assert.throws(() => {
      p.push(bytes);
      assert.ok(p.error instanceof TributaryError);
      p.push(new Uint8Array(0));
    }, isError('ERR_INGEST_LIMIT', re));
    assert.equal(p.bytesBuffered, 0);
    // Failed for good.
    assert.throws(() => p.push(new Uint8Array(1)), isError('ERR_INGEST_LIMIT', re));
  }
  // A size-0 skipped box still counts against the limit as it passes.
  const p = new SmoothIngestParser({ maxOtherBoxBytes: 1000 });
  p.push(concat(ftyp(), big('free', 0)));
  assert.throws(() => p.push(new Uint8Array(2000)), isError('ERR_INGEST_LIMIT', /'free' box/));
});

test('truncated streams, garbage and out-of-order boxes give clear errors', () => {
  const good = ffmpegLike();
  const h = header();
  const bad: [Uint8Array, string, RegExp][] = [
    [good.subarray(0, good.length - 100), 'ERR_MEDIA', /ended inside 'mdat'/],
    [good.subarray(0, h.length + 4), 'ERR_MEDIA', /ended inside a box header/],
    [concat(h, fragment(1, [{ trackId: 1, time: 0n, samples: video(0, 2) }]).subarray(0, 600)), 'ERR_MEDIA', /ended inside|without its mdat/],
    [new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 'ERR_MEDIA', /starts with|no ISO BMFF box/],
    [new Uint8Array([0, 0, 0, 16, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]), 'ERR_MEDIA', /no ISO BMFF box at offset 0/],
    [new Uint8Array([0, 0, 0, 4, 0x66, 0x74, 0x79, 0x70]), 'ERR_MEDIA', /size 4 is smaller/],
    [concat(ftyp(), fragment(1, [{ trackId: 2, time: 0n, samples: audio(0, 1) }])), 'ERR_MEDIA', /moof at offset 24 comes before the moov/],
    [concat(h, fragment(1, [{ trackId: 7, time: 0n, samples: audio(0, 1) }])), 'ERR_MEDIA', /track_ID 7, which the moov does not define/],
  ];
  // A moof whose sample lies outside its mdat.
  const shortMdat = fragment(1, [{ trackId: 2, time: 0n, samples: audio(0, 2) }]);
  const dv = new DataView(shortMdat.buffer, shortMdat.byteOffset);
  const mdatAt = shortMdat.length - 8 - m.audioSamples[0].data.length - m.audioSamples[1].data.length;
  dv.setUint32(mdatAt, 8 + m.audioSamples[0].data.length);
  bad.push([concat(h, shortMdat.subarray(0, shortMdat.length - m.audioSamples[1].data.length)), 'ERR_MEDIA', /sample 1 .* is outside the mdat/]);
  // Video whose NAL length prefix lies.
  const lying = video(0, 1);
  lying[0] = { ...lying[0], data: lying[0].data.slice() };
  lying[0].data[0] = 0x7f;
  bad.push([concat(h, fragment(1, [{ trackId: 1, time: 0n, samples: lying }])), 'ERR_MEDIA', /NAL unit of \d+ bytes that runs past its end/]);
  for (const [bytes, code, re] of bad) assert.throws(() => parseAll(bytes), isError(code, re), String(re));
});

test('a trun claiming more samples than the limit is refused before the loop', () => {
  const p = new SmoothIngestParser({ maxSamplesPerFragment: 50 });
  assert.throws(() => parseAll(concat(header(), fragment(1, [{ trackId: 1, time: 0n, samples: video(0, 60) }])), 1 << 20, p), isError('ERR_INGEST_LIMIT', /more than 50 samples/));
});

test('an HEVC track is carried; without hvcC or with a broken one it is refused; a text track is ignored', () => {
  // HEVCDecoderConfigurationRecord (ISO 14496-15 §8.3.3.1): Main, level 3.1, one VPS, SPS and PPS.
  const head = [1, 0x01, 0x60, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 93, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 3];
  const hvcC = new Uint8Array([...head, ...[32, 33, 34].flatMap((type) => [0x80 | type, 0, 1, 0, 2, type << 1, 1])]);
  const entry = (...children: Uint8Array[]) => box('hvc1', new Uint8Array(24), new Uint8Array([0x05, 0x00, 0x02, 0xd0]), new Uint8Array(50), ...children);
  const hevc = concat(ftyp(), moov([{ ...tracks[0], sampleEntry: entry(box('hvcC', hvcC)) }, tracks[1]]));
  const header = parseAll(hevc)[0] as SmoothHeaderEvent;
  const v = header.tracks[0];
  assert.equal(v.type, 'video');
  assert.equal(v.codec.kind === 'h265' && `${v.codec.width}x${v.codec.height} L${v.codec.levelIdc}`, '1280x720 L93');
  const bare = concat(ftyp(), moov([{ ...tracks[0], sampleEntry: entry() }, tracks[1]]));
  assert.throws(() => parseAll(bare), isError('ERR_MEDIA', /track 1 \('hvc1'\) is HEVC 1280x720 without hvcC/));
  const broken = concat(ftyp(), moov([{ ...tracks[0], sampleEntry: entry(box('hvcC', new Uint8Array(23))) }, tracks[1]]));
  assert.throws(() => parseAll(broken), isError('ERR_MEDIA', /invalid HEVCDecoderConfigurationRecord: hvcC configurationVersion 0/));
  const text = concat(ftyp(), moov([tracks[0], { ...tracks[1], trackId: 3, handler: 'text', sampleEntry: box('stpp', new Uint8Array(8)) }]));
  const events = parseAll(concat(text, fragment(1, [{ trackId: 3, time: 0n, samples: audio(0, 1) }])));
  const h = events[0] as SmoothHeaderEvent;
  assert.deepEqual(h.tracks.map((t) => t.trackId), [1]);
  assert.match(h.ignored[0].reason, /sample entry 'stpp' under handler 'text' is not supported/);
  assert.equal(fragments(events).length, 0);
});

test('names: SMIL trackName without _und, else type + trackId; duplicates get the trackId', () => {
  const three: TestTrack[] = [tracks[0], { ...tracks[0], trackId: 2 }, { ...tracks[1], trackId: 3 }];
  const smil = smilFor([
    { type: 'video', trackId: 1, bitrate: 3_000_000, name: 'video' },
    { type: 'video', trackId: 2, bitrate: 800_000, name: 'video' },
    { type: 'audio', trackId: 3, bitrate: 128_000, name: 'audio_und' },
  ]);
  const h = parseAll(concat(ftyp(), manifestBox(smil), moov(three)))[0] as SmoothHeaderEvent;
  assert.deepEqual(h.tracks.map((t) => [t.name, t.bitrate]), [['video1', 3_000_000], ['video2', 800_000], ['audio', 128_000]]);
  const plain = parseAll(concat(ftyp(), moov(three)))[0] as SmoothHeaderEvent;
  assert.deepEqual(plain.tracks.map((t) => [t.name, t.bitrate]), [['video1', 0], ['video2', 0], ['audio3', 0]]);
});
