import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Presentation } from '../../model/presentation.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkWellFormedXml } from '../../../test/golden/manifest-checks.js';
import { audioOnlyPresentation, discontinuityPresentation, endedPresentation, hevcPresentation, livePresentation, slidPresentation } from '../../../test/golden/presentation-fixtures.js';
import { readAmf0Values } from '../../formats/amf/amf0-reader.js';
import { amf0ToPlain } from '../../formats/amf/amf0-value.js';
import { writeAbst } from './abst-box.js';
import { renderF4m } from './f4m-manifest.js';
import { hdsBootstrap } from './hds-bootstrap.js';
import { parseHdsPath } from './hds-path.js';
import { hdsStreams } from './hds-streams.js';
import { readAbst } from './read-abst.js';

const cases: [string, Presentation][] = [
  ['live.f4m', livePresentation()],
  ['live-slid.f4m', slidPresentation(livePresentation())],
  ['live-no-dvr.f4m', { ...livePresentation(), dvrWindowMs: undefined }],
  ['ended.f4m', endedPresentation()],
  ['audio-only.f4m', audioOnlyPresentation()],
  ['discontinuity.f4m', discontinuityPresentation()],
];
/** Their bootstraps are pinned as well: a live f4m names them by URL, so they hold the window. */
const bootstrapCases = cases.filter(([name]) => name !== 'audio-only.f4m');

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** What yt-dlp's f4m downloader reads: media elements and the bootstrap each one names. */
function mediaElements(xml: string): { tag: string; url: string; bootstrap: string; metadata: string }[] {
  return [...xml.matchAll(/(<media [^>]*>)\s*<metadata>([^<]*)<\/metadata>/g)].map(([, tag, metadata]) => ({
    tag,
    url: attr(tag, 'url')!,
    bootstrap: attr(tag, 'bootstrapInfoId')!,
    metadata,
  }));
}

/** yt-dlp f4m.py build_fragments_list: numbers from the first fragment run, count from the segment run. */
function clientFragmentList(abst: Uint8Array): number[] {
  const b = readAbst(abst);
  const first = b.fragmentRuns[0].firstFragment;
  const count = b.segmentRuns.reduce((n, s) => n + s.fragmentsPerSegment, 0);
  const all = Array.from({ length: count }, (_, i) => first + i);
  return b.live ? all.slice(-2) : all;
}

describe('HDS f4m manifest golden files', () => {
  for (const [name, p] of cases) {
    it(name, () => {
      const xml = renderF4m(p)!;
      assertGolden(`hds/${name}`, xml);
      if (!checkWellFormedXml(xml)) assert.match(xml, /<\/manifest>\n$/);
    });
  }

  // The bootstrap bytes of the first rendition, as hex lines of 16 bytes.
  for (const [name, p] of bootstrapCases) {
    it(`${name} bootstrap`, () => {
      const hex = Buffer.from(writeAbst(hdsBootstrap(p, hdsStreams(p)[0]))).toString('hex');
      assertGolden(`hds/${name.replace('.f4m', '')}-bootstrap.abst.hex`, hex.replace(/(.{32})/g, '$1\n').replace(/\n?$/, '\n'));
    });
  }

  it('has nothing to say before anything is ingested', () => {
    assert.equal(renderF4m({ ...livePresentation(), tracks: [] }), undefined);
  });
});

describe('HDS f4m manifest content', () => {
  it('live: one media per H.264 rendition with audio muxed in, bootstraps by URL, a DVR window', () => {
    const p = livePresentation();
    const xml = renderF4m(p)!;
    assert.match(xml, /<streamType>live<\/streamType>/);
    assert.match(xml, /<dvrInfo beginOffset="0" endOffset="60"\/>/);
    const media = mediaElements(xml);
    assert.deepEqual(media.map((m) => attr(m.tag, 'streamId')), ['video_720', 'video_480', 'video_360']);
    // kbit/s of video plus the paired audio (3000 + 128).
    assert.equal(attr(media[0].tag, 'bitrate'), '3128');
    for (const m of media) {
      assert.ok(m.url.endsWith('/'), 'clients append Seg1-Frag<n> to media@url');
      const fragment = parseHdsPath(`${m.url}Seg1-Frag12`);
      assert.equal(fragment?.kind, 'fragment');
      const boot = new RegExp(`<bootstrapInfo profile="named" id="${m.bootstrap}" url="([^"]+)"/>`).exec(xml);
      assert.ok(boot, `bootstrap ${m.bootstrap} is listed by URL`);
      assert.deepEqual(parseHdsPath(boot[1]), { kind: 'bootstrap', bitrate: fragment!.bitrate, trackId: fragment!.trackId, filters: [] });
    }
  });

  it('ended: recorded, with a duration and each bootstrap inline; a client lists every fragment', () => {
    const p = endedPresentation();
    const xml = renderF4m(p)!;
    assert.match(xml, /<streamType>recorded<\/streamType>/);
    assert.match(xml, /<duration>10\.000<\/duration>/);
    assert.doesNotMatch(xml, /dvrInfo|url="QualityLevels\(\d+\)\/Bootstrap/);
    const inline = [...xml.matchAll(/<bootstrapInfo profile="named" id="([^"]+)">([^<]+)<\/bootstrapInfo>/g)];
    assert.equal(inline.length, 3);
    assert.deepEqual(clientFragmentList(Buffer.from(inline[0][2], 'base64')), [10, 11, 12, 13, 14]);
    const meta = amf0ToPlain(readAmf0Values(Buffer.from(mediaElements(xml)[0].metadata, 'base64'))[1] as never) as Record<string, unknown>;
    assert.equal(meta.duration, 10);
    assert.equal(meta.width, 1280);
    assert.equal(meta.videocodecid, 7);
    assert.equal(meta.audiocodecid, 10);
  });

  it('leaves HEVC out: FLV carries it only as Enhanced FLV, which HDS clients do not read', () => {
    const media = mediaElements(renderF4m(hevcPresentation())!);
    assert.deepEqual(media.map((m) => attr(m.tag, 'streamId')), ['video_720', 'video_480', 'video_360']);
  });

  it('audio-only: one media per AAC track, no width or height', () => {
    const media = mediaElements(renderF4m(audioOnlyPresentation())!);
    assert.deepEqual(media.map((m) => attr(m.tag, 'streamId')), ['audio_720', 'audio_360']);
    assert.equal(attr(media[0].tag, 'width'), undefined);
    assert.equal(attr(media[0].tag, 'bitrate'), '128');
  });
});

describe('HDS bootstrap (abst)', () => {
  const stream = (p: Presentation) => hdsStreams(p)[0];

  it('live: fragment numbers are the sequence numbers; a live client takes the newest two', () => {
    const p = livePresentation();
    const b = readAbst(writeAbst(hdsBootstrap(p, stream(p))));
    assert.equal(b.live, true);
    assert.equal(b.version, 7);
    assert.equal(b.timescale, 1000);
    // Sequences 10..14 of 2 s fragments starting at 10 × 2 s: one run.
    assert.deepEqual(b.fragmentRuns, [{ firstFragment: 10, firstTimestamp: 20000n, duration: 2000 }]);
    assert.deepEqual(b.segmentRuns, [{ firstSegment: 1, fragmentsPerSegment: 5 }]);
    assert.equal(b.currentMediaTime, 30000n);
    assert.deepEqual(clientFragmentList(writeAbst(hdsBootstrap(p, stream(p)))), [13, 14]);
  });

  it('DVR: after a slide the window starts one fragment later and the client sees the new one', () => {
    const p = slidPresentation(livePresentation());
    const b = readAbst(writeAbst(hdsBootstrap(p, stream(p))));
    assert.deepEqual(b.fragmentRuns, [{ firstFragment: 11, firstTimestamp: 22000n, duration: 2000 }]);
    assert.equal(b.version, 8);
    assert.deepEqual(clientFragmentList(writeAbst(hdsBootstrap(p, stream(p)))), [14, 15]);
  });

  it('ended: not live, closed by the end-of-presentation marker', () => {
    const p = endedPresentation();
    const b = readAbst(writeAbst(hdsBootstrap(p, stream(p))));
    assert.equal(b.live, false);
    assert.deepEqual(b.fragmentRuns.at(-1), { firstFragment: 15, firstTimestamp: 30000n, duration: 0, discontinuity: 0 });
  });

  it('an encoder re-publish: the fragment after the 10 s jump starts a new run at its own time', () => {
    const p = discontinuityPresentation();
    const b = readAbst(writeAbst(hdsBootstrap(p, stream(p))));
    assert.deepEqual(b.fragmentRuns, [
      { firstFragment: 10, firstTimestamp: 20000n, duration: 2000 },
      { firstFragment: 12, firstTimestamp: 34000n, duration: 2000 },
    ]);
    assert.deepEqual(b.segmentRuns, [{ firstSegment: 1, fragmentsPerSegment: 5 }]);
  });

  it('a timestamp jump or a duration change starts a new fragment run', () => {
    const p = livePresentation();
    const audio = p.tracks.find((t) => t.track.id === 'audio_720')!;
    // 96000, 95232, 96256, 96000, 96000 samples at 48 kHz: 2000, 1984, 2005.33 ms; each run is timed from rounded ends.
    const b = readAbst(writeAbst(hdsBootstrap(p, { main: audio, audio })));
    assert.deepEqual(
      b.fragmentRuns.map((r) => [r.firstFragment, Number(r.firstTimestamp), r.duration]),
      [[10, 20000, 2000], [11, 22000, 1984], [12, 23984, 2005], [13, 25989, 2000]],
    );
    // Every fragment's own start is still exact: the fourth starts at 25989 ms + 10 s.
    const jumped = { ...audio, entries: audio.entries.map((e, i) => (i >= 3 ? { ...e, decodeTime: e.decodeTime + 480000n } : e)) };
    const c = readAbst(writeAbst(hdsBootstrap(p, { main: jumped, audio: jumped })));
    assert.deepEqual(c.fragmentRuns.at(-1), { firstFragment: 13, firstTimestamp: 35989n, duration: 2000 });
  });
});
