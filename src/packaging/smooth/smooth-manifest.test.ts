import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Presentation } from '../../model/presentation.js';
import { parsePlaybackPath } from '../playback-path.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkWellFormedXml, parseStreamIndexes } from '../../../test/golden/manifest-checks.js';
import {
  audioOnlyPresentation,
  discontinuityPresentation,
  endedPresentation,
  livePresentation,
  slidPresentation,
  hevcPresentation,
  av1Presentation,
} from '../../../test/golden/presentation-fixtures.js';
import { resolveSmoothFragment } from './resolve-smooth-fragment.js';
import { renderSmoothManifest, SMOOTH_LOOKAHEAD } from './smooth-manifest.js';
import { smoothStreams } from './smooth-streams.js';
import { smoothDuration } from './smooth-time.js';

/**
 * The shared fixtures leave H.264 parameter sets empty (the HLS and DASH packagers read only
 * profile and level); Smooth puts them in CodecPrivateData, so give each a short SPS and PPS.
 */
function withParameterSets(p: Presentation): Presentation {
  const tracks = p.tracks.map((pt) => {
    const c = pt.track.codec;
    if (c.kind !== 'h264') return pt;
    const codec = { ...c, sps: [Uint8Array.of(0x67, c.profile, c.compatibility, c.level, 0xac, 0xd9)], pps: [Uint8Array.of(0x68, 0xeb, 0xe3, 0xcb)] };
    const track = { ...pt.track, codec };
    return { ...pt, track, versions: new Map([...pt.versions].map(([v, t]) => [v, { ...t, codec }])) };
  });
  return { ...p, tracks };
}

/** video_360 cut at other instants (3 s GOPs): it cannot share the video StreamIndex. */
function splitVideoPresentation(): Presentation {
  const p = livePresentation();
  const tracks = p.tracks.map((pt) => {
    if (pt.track.id !== 'video_360') return pt;
    const entries = pt.entries.slice(0, 3).map((e, i) => ({ ...e, decodeTime: 1800000n + BigInt(i) * 270000n, duration: 270000 }));
    return { ...pt, entries };
  });
  return { ...p, tracks };
}

const cases: [string, Presentation][] = [
  ['live.ismc', livePresentation()],
  ['hevc.ismc', hevcPresentation()],
  ['av1.ismc', av1Presentation()],
  ['live-slid.ismc', slidPresentation(livePresentation())],
  ['live-no-dvr.ismc', { ...livePresentation(), dvrWindowMs: undefined }],
  ['ended.ismc', endedPresentation()],
  ['discontinuity.ismc', discontinuityPresentation()],
  ['discontinuity-same-version.ismc', discontinuityPresentation(false)],
  ['split-video.ismc', splitVideoPresentation()],
  ['audio-only.ismc', audioOnlyPresentation()],
];

const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];
const rootTag = (xml: string) => /<SmoothStreamingMedia[^>]*>/.exec(xml)![0];

describe('renderSmoothManifest', () => {
  for (const [name, fixture] of cases) {
    it(`matches golden ${name}, is well-formed, and every fragment URL reaches its stored fragment`, (t) => {
      const p = withParameterSets(fixture);
      const xml = renderSmoothManifest(p);
      assertGolden(`smooth/${name}`, xml);
      if (!checkWellFormedXml(xml)) t.diagnostic('no XML parser (xmllint, python3) found: well-formedness not checked');
      const streams = smoothStreams(p);
      const parsed = parseStreamIndexes(xml);
      assert.deepEqual(parsed.map((s) => s.name), streams.map((s) => s.name));
      assert.equal(new Set(parsed.map((s) => s.name)).size, parsed.length, 'StreamIndex names are distinct');
      for (const [i, s] of parsed.entries()) {
        assert.equal(s.chunks, s.times.length, `${s.name}: Chunks`);
        assert.equal(new Set(s.bitrates).size, s.bitrates.length, `${s.name}: bitrates are distinct`);
        for (const bitrate of s.bitrates) {
          const level = streams[i].levels.find((l) => l.track.bitrate === bitrate)!;
          const expected = p.ended ? level.entries : level.entries.slice(0, level.entries.length - SMOOTH_LOOKAHEAD);
          const reached = s.times.map((time, k) => {
            const path = s.url.replace('{bitrate}', String(bitrate)).replace('{start time}', String(time));
            const r = parsePlaybackPath(path);
            assert.ok(r.ok && r.request.kind === 'segment' && r.request.options.format === 'smooth', path);
            assert.ok(r.request.kind === 'segment' && r.request.trackId === s.name && r.request.bitrate === bitrate);
            const target = resolveSmoothFragment(p, bitrate, s.name, r.request.decodeTime);
            assert.ok(target, `${path} resolves to no fragment`);
            assert.equal(target.presentationTrack, level.presentationTrack);
            // c@d is the span the fragment's tfxd will carry (smooth-fragment.ts).
            assert.equal(s.durations[k], smoothDuration(target.decodeTime, target.duration, target.timescale));
            return target.entry;
          });
          // Live lists the entries that already have their lookahead; the rest come from tfrf.
          assert.deepEqual(reached, expected.slice(expected.length - reached.length));
        }
      }
    });
  }

  it('live: IsLive TRUE, Duration 0, the DVR window and lookahead in 10 MHz', () => {
    const root = rootTag(renderSmoothManifest(withParameterSets(livePresentation())));
    assert.equal(attr(root, 'MajorVersion'), '2');
    assert.equal(attr(root, 'MinorVersion'), '2');
    assert.equal(attr(root, 'TimeScale'), '10000000');
    assert.equal(attr(root, 'IsLive'), 'TRUE');
    assert.equal(attr(root, 'Duration'), '0');
    assert.equal(attr(root, 'DVRWindowLength'), '600000000');
    assert.equal(attr(root, 'LookAheadFragmentCount'), '2');
    assert.equal(attr(root, 'LookaheadCount'), '2');
    const noDvr = rootTag(renderSmoothManifest(withParameterSets({ ...livePresentation(), dvrWindowMs: undefined })));
    assert.equal(attr(noDvr, 'DVRWindowLength'), '0');
  });

  it('ended: IsLive FALSE, Duration the listed span, no DVRWindowLength (dash.js would treat 0 as start-over)', () => {
    const xml = renderSmoothManifest(withParameterSets(endedPresentation()));
    const root = rootTag(xml);
    assert.equal(attr(root, 'IsLive'), 'FALSE');
    assert.equal(attr(root, 'Duration'), '100000000');
    for (const a of ['DVRWindowLength', 'LookAheadFragmentCount', 'LookaheadCount']) assert.equal(attr(root, a), undefined);
    assert.match(xml, /<c t="200000000" d="20000000" r="5"\/>/);
  });

  it('one video StreamIndex for the ladder, one audio StreamIndex per track, codec data as clients need it', () => {
    const xml = renderSmoothManifest(withParameterSets(livePresentation()));
    const tags = xml.match(/<StreamIndex [^>]*>/g)!;
    assert.deepEqual(tags.map((t) => attr(t, 'Name')), ['video', 'audio_720', 'audio_480', 'audio_360']);
    assert.equal(attr(tags[0], 'QualityLevels'), '3');
    assert.equal(attr(tags[0], 'MaxWidth'), '1280');
    assert.equal(attr(tags[0], 'Url'), 'QualityLevels({bitrate})/Fragments(video={start time})');
    assert.equal(attr(tags[1], 'Language'), 'en');
    assert.equal(attr(tags[3], 'Language'), undefined);
    assert.equal(attr(tags[0], 'TimeScale'), undefined, 'every stream uses the 10 MHz root TimeScale');
    assert.match(xml, /<QualityLevel Index="0" Bitrate="3000000" FourCC="H264" MaxWidth="1280" MaxHeight="720" CodecPrivateData="00000001676400[01]FACD90000000168EBE3CB"\/>/);
    assert.match(xml, /FourCC="AACL" SamplingRate="48000" Channels="2" BitsPerSample="16" PacketSize="4" AudioTag="255" CodecPrivateData="1190"/);
    assert.match(xml, /Bitrate="64000" FourCC="AACH"/);
    // audio_720's 93/94-frame cuts: durations from rounded absolute 10 MHz times, t only on the first.
    assert.match(xml, /<c t="200000000" d="20000000"\/>\n\s*<c d="19840000"\/>\n\s*<c d="20053333"\/>/);
  });

  it('a gap gets a new t; a track version change lists only the newest version', () => {
    const same = renderSmoothManifest(withParameterSets(discontinuityPresentation(false)));
    assert.match(same, /<c t="200000000" d="20000000" r="2"\/>\n\s*<c t="340000000" d="20000000"\/>/);
    const changed = renderSmoothManifest(withParameterSets(discontinuityPresentation()));
    assert.doesNotMatch(changed, /t="200000000"/);
  });

  it('a video track on another timeline gets its own StreamIndex, named after it', () => {
    const names = parseStreamIndexes(renderSmoothManifest(withParameterSets(splitVideoPresentation()))).map((s) => s.name);
    assert.deepEqual(names, ['video', 'video_360', 'audio_720', 'audio_480', 'audio_360']);
  });

  it('live: a rendition one fragment ahead of the others does not split the StreamIndex', () => {
    const p = withParameterSets(livePresentation());
    const ahead = slidPresentation(p).tracks.find((t) => t.track.id === 'video_720')!;
    const tracks = p.tracks.map((t) => (t.track.id === 'video_720' ? { ...ahead, entries: [...t.entries, ahead.entries[ahead.entries.length - 1]] } : t));
    const streams = smoothStreams({ ...p, tracks });
    assert.equal(streams[0].levels.length, 3);
    assert.equal(streams[0].chunks.length, 5);
    // …and the newest fragment is still served, with its time in the URL.
    const newest = tracks[0].entries[5];
    assert.ok(resolveSmoothFragment({ ...p, tracks }, 3000000, 'video', (newest.decodeTime * 1000n) / 9n));
  });

  it('writes no StreamIndex without a fragment to list (the first seconds of a live channel)', () => {
    const p = withParameterSets(livePresentation());
    const young = { ...p, tracks: p.tracks.map((t) => ({ ...t, entries: t.entries.slice(0, SMOOTH_LOOKAHEAD) })) };
    assert.doesNotMatch(renderSmoothManifest(young), /<StreamIndex/);
  });

  it('leaves an AV1 track out, with a comment in its place, and serves none of its fragments', () => {
    const p = withParameterSets(av1Presentation());
    const xml = renderSmoothManifest(p);
    assert.equal((xml.match(/<StreamIndex/g) ?? []).length, (renderSmoothManifest(withParameterSets(livePresentation())).match(/<StreamIndex/g) ?? []).length);
    assert.match(xml, /<!-- video track video_av1 \(av1\) is not carried in Smooth Streaming: see HLS fMP4 or DASH -->/);
    assert.ok(!smoothStreams(p).some((s) => s.levels.some((l) => l.track.id === 'video_av1')));
    const av1 = p.tracks.find((t) => t.track.id === 'video_av1')!;
    assert.equal(resolveSmoothFragment(p, 2500000, 'video', (av1.entries[0].decodeTime * 1000n) / 9n), undefined);
  });
});
