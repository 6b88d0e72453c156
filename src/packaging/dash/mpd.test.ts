import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Presentation } from '../../model/presentation.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkWellFormedXml, mpdSegmentRequests } from '../../../test/golden/manifest-checks.js';
import {
  AST,
  audioOnlyPresentation,
  discontinuityPresentation,
  endedPresentation,
  livePresentation,
  hevcPresentation,
  av1Presentation,
} from '../../../test/golden/presentation-fixtures.js';
import type { DashFormat } from './dash-format.js';
import { listedTimeline, periodStartSequence } from './listed-timeline.js';
import { renderMpd } from './mpd.js';

const utcTiming = [
  { scheme: 'urn:mpeg:dash:utc:http-iso:2014', value: 'https://origin.example/time?iso&ms' },
  { scheme: 'urn:mpeg:dash:utc:direct:2014', value: new Date(AST + 30500).toISOString() },
];
const cases: [string, Presentation, DashFormat][] = [
  ['live-csf.mpd', livePresentation(), 'mpd-time-csf'],
  ['live-cmaf.mpd', livePresentation(), 'mpd-time-cmaf'],
  ['hevc-cmaf.mpd', hevcPresentation(), 'mpd-time-cmaf'],
  ['av1-cmaf.mpd', av1Presentation(), 'mpd-time-cmaf'],
  ['ended-csf.mpd', endedPresentation(), 'mpd-time-csf'],
  ['discontinuity-csf.mpd', discontinuityPresentation(), 'mpd-time-csf'],
  ['discontinuity-same-version-cmaf.mpd', discontinuityPresentation(false), 'mpd-time-cmaf'],
  ['audio-only-cmaf.mpd', audioOnlyPresentation(), 'mpd-time-cmaf'],
];

const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];
const mpdTag = (xml: string) => /<MPD[^>]*>/.exec(xml)![0];

describe('renderMpd', () => {
  for (const [name, p, format] of cases) {
    it(`matches golden ${name}, is well-formed, and its URLs reach every listed fragment`, (t) => {
      const xml = renderMpd(p, { format, utcTiming });
      assertGolden(`dash/${name}`, xml);
      if (!checkWellFormedXml(xml)) t.diagnostic('no XML parser (xmllint, python3) found: well-formedness not checked');
      const reps = mpdSegmentRequests(xml);
      assert.equal(reps.length, p.tracks.length);
      for (const rep of reps) {
        const timeline = listedTimeline(p.tracks.find((x) => x.track.id === rep.id)!, periodStartSequence(p))!;
        assert.ok(rep.init.kind === 'init' && rep.init.trackId === rep.id && rep.init.options.format === format);
        assert.equal(rep.init.trackVersion, timeline.track.version);
        assert.equal(rep.init.bitrate, timeline.track.bitrate);
        const times = rep.segments.map((s) => (s.kind === 'segment' && s.trackId === rep.id && s.options.format === format ? s.decodeTime : -1n));
        assert.deepEqual(times, timeline.entries.map((e) => e.decodeTime));
      }
    });
  }

  it('live: dynamic with a fixed AST, publishTime = snapshot, DVR window as timeShiftBufferDepth', () => {
    const p = livePresentation();
    const mpd = mpdTag(renderMpd(p, { format: 'mpd-time-csf', utcTiming }));
    assert.equal(attr(mpd, 'type'), 'dynamic');
    assert.equal(attr(mpd, 'availabilityStartTime'), '2025-01-01T12:00:00.000Z');
    assert.equal(attr(mpd, 'publishTime'), '2025-01-01T12:00:30.500Z');
    assert.equal(attr(mpd, 'timeShiftBufferDepth'), 'PT60S');
    assert.equal(attr(mpd, 'minimumUpdatePeriod'), 'PT2S');
    assert.equal(attr(mpd, 'maxSegmentDuration'), 'PT2.006S');
    const noDvr = mpdTag(renderMpd({ ...p, dvrWindowMs: undefined }, { format: 'mpd-time-csf', utcTiming }));
    assert.equal(attr(noDvr, 'timeShiftBufferDepth'), 'PT10S');
  });

  it('ended: static, no live-only attributes, each Representation offset to start at 0', () => {
    const xml = renderMpd(endedPresentation(), { format: 'mpd-time-csf', utcTiming: [] });
    const mpd = mpdTag(xml);
    assert.equal(attr(mpd, 'type'), 'static');
    assert.equal(attr(mpd, 'mediaPresentationDuration'), 'PT10S');
    for (const a of ['availabilityStartTime', 'publishTime', 'timeShiftBufferDepth', 'minimumUpdatePeriod']) assert.equal(attr(mpd, a), undefined);
    assert.match(xml, /timescale="90000" presentationTimeOffset="1800000"/);
    assert.match(xml, /timescale="48000" presentationTimeOffset="960000"/);
    assert.doesNotMatch(xml, /UTCTiming/);
  });

  it('cmaf adds the CMAF profile; both keep UTCTiming in the given order after the Period', () => {
    const xml = renderMpd(livePresentation(), { format: 'mpd-time-cmaf', utcTiming });
    assert.equal(attr(mpdTag(xml), 'profiles'), 'urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019');
    assert.match(xml, /<\/Period>\n {2}<UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="https:\/\/origin.example\/time\?iso&amp;ms"\/>\n {2}<UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014"/);
  });

  it('a new track version starts the Period at that sequence on every track', () => {
    const xml = renderMpd(discontinuityPresentation(), { format: 'mpd-time-csf', utcTiming });
    assert.match(xml, /=i1,format=mpd-time-csf\)\.mp4"[^>]*>\n\s*<SegmentTimeline>\n\s*<S t="3060000" d="180000" r="2"\/>/);
    // Audio kept version 0, but is cut at sequence 12 too so that audio and video start together.
    assert.match(xml, /<S t="1632000" d="96000" r="2"\/>/);
    assert.doesNotMatch(xml, /<S t="960000"/);
  });

  it('a discontinuity without a version change stays in the Period as a gap with a new S@t', () => {
    const xml = renderMpd(discontinuityPresentation(false), { format: 'mpd-time-csf', utcTiming });
    assert.match(xml, /<S t="1800000" d="180000" r="1"\/>\n\s*<S t="3060000" d="180000" r="2"\/>/);
    assert.match(xml, /<S t="960000" d="96000" r="1"\/>\n\s*<S t="1632000" d="96000" r="2"\/>/);
  });

  it('declares segmentAlignment only when the Representations are cut at the same instants', () => {
    const xml = renderMpd(livePresentation(), { format: 'mpd-time-csf', utcTiming });
    const sets = xml.match(/<AdaptationSet [^>]*>/g)!;
    assert.match(sets[0], /segmentAlignment="true"/);
    // audio_720 (93/94-frame jitter) and audio_480 (exact 2 s) share a language but not cuts.
    assert.doesNotMatch(sets[1], /segmentAlignment/);
  });

  it('escapes attribute values and groups audio by language', () => {
    const p = audioOnlyPresentation();
    const tracks = p.tracks.map((t, i) => (i === 0 ? { ...t, track: { ...t.track, language: 'en"<&' } } : t));
    const xml = renderMpd({ ...p, tracks }, { format: 'mpd-time-cmaf', utcTiming });
    assert.match(xml, /lang="en&quot;&lt;&amp;"/);
    assert.equal(xml.match(/<AdaptationSet /g)?.length, 2);
  });
});
