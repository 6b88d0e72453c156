import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discontinuityPresentation, endedPresentation, hevcPresentation, livePresentation } from '../../../test/golden/presentation-fixtures.js';
import type { ManifestFilter } from '../../model/manifest-filter.js';
import type { Presentation } from '../../model/presentation.js';
import { applyFilters, selectTracks } from './apply-filters.js';

// The fixtures list sequences 10..14: 2 s fragments from media time 20 s to 30 s, video at
// 90 kHz, audio at 48 kHz. Filter times here are in the default 100 ns units unless a timescale is given.
const S = 10_000_000;

function filtered(p: Presentation, filters: ManifestFilter[]): Presentation {
  const r = applyFilters(p, filters);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.presentation;
}
const ids = (p: Presentation) => p.tracks.map((t) => t.track.id);
const sequences = (p: Presentation, id: string) => p.tracks.find((t) => t.track.id === id)!.entries.map((e) => e.sequence);
const byType = (value: string, operation: 'Equal' | 'NotEqual' = 'Equal') => ({ property: 'Type' as const, operation, value });

describe('applyFilters: track selections', () => {
  it('no filter returns the presentation itself', () => {
    const p = livePresentation();
    assert.equal(filtered(p, []), p);
  });

  it('a bitrate range keeps the tracks inside it, bounds included', () => {
    const p = filtered(livePresentation(), [{ tracks: [{ trackSelections: [{ property: 'Bitrate', operation: 'Equal', value: '96000-1500000' }] }] }]);
    assert.deepEqual(ids(p), ['video_480', 'video_360', 'audio_720', 'audio_480']);
  });

  it('conditions of one selection all hold (AND); selections are alternatives (OR)', () => {
    const lowVideoOrEnglish: ManifestFilter = {
      tracks: [
        { trackSelections: [byType('video'), { property: 'Bitrate', operation: 'Equal', value: '0-1000000' }] },
        { trackSelections: [byType('audio'), { property: 'Language', operation: 'Equal', value: 'en' }] },
      ],
    };
    assert.deepEqual(ids(filtered(livePresentation(), [lowVideoOrEnglish])), ['video_360', 'audio_720', 'audio_480']);
  });

  it('several filters intersect', () => {
    const video: ManifestFilter = { tracks: [{ trackSelections: [byType('audio', 'NotEqual')] }] };
    const notTop: ManifestFilter = { tracks: [{ trackSelections: [{ property: 'Name', operation: 'NotEqual', value: 'VIDEO_720' }] }] };
    assert.deepEqual(ids(filtered(livePresentation(), [video, notTop])), ['video_480', 'video_360']);
  });

  it('a language range matches its subtags (RFC 4647 basic filtering); und names an untagged track', () => {
    const p = livePresentation();
    const en = filtered(p, [{ tracks: [{ trackSelections: [{ property: 'Language', operation: 'Equal', value: 'EN' }] }] }]);
    assert.deepEqual(ids(en), ['audio_720', 'audio_480']);
    const und = filtered(p, [{ tracks: [{ trackSelections: [byType('audio'), { property: 'Language', operation: 'Equal', value: 'und' }] }] }]);
    assert.deepEqual(ids(und), ['audio_360']);
    // An ISO 639-2 code (what an mdhd or a SMIL systemLanguage gives) names the same language.
    const eng = filtered(p, [{ tracks: [{ trackSelections: [{ property: 'Language', operation: 'Equal', value: 'eng' }] }] }]);
    assert.deepEqual(ids(eng), ['audio_720', 'audio_480']);
    const french = { ...p, tracks: p.tracks.map((pt) => (pt.track.id === 'audio_360' ? { ...pt, track: { ...pt.track, language: 'fra' } } : pt)) };
    for (const value of ['fr', 'FRA', 'fra']) {
      assert.deepEqual(ids(filtered(french, [{ tracks: [{ trackSelections: [{ property: 'Language', operation: 'Equal', value }] }] }])), ['audio_360'], value);
    }
    const canadian = applyFilters(french, [{ tracks: [{ trackSelections: [{ property: 'Language', operation: 'Equal', value: 'fr-CA' }] }] }]);
    assert.equal(canadian.ok, false, 'a narrower range does not match a wider tag');
  });

  it('FourCC hev1 and hvc1 both name HEVC, whichever sample entry a format uses', () => {
    for (const value of ['hev1', 'hvc1']) {
      assert.deepEqual(ids(filtered(hevcPresentation(), [{ tracks: [{ trackSelections: [{ property: 'FourCC', operation: 'Equal', value }] }] }])), ['video_1080']);
    }
    const avc = filtered(hevcPresentation(), [{ tracks: [{ trackSelections: [{ property: 'FourCC', operation: 'NotEqual', value: 'hvc1' }] }] }]);
    assert.ok(!ids(avc).includes('video_1080') && ids(avc).length === 6);
  });

  it('a filter that removes every track is refused with a reason', () => {
    const r = applyFilters(livePresentation(), [{ tracks: [{ trackSelections: [byType('text')] }] }]);
    assert.deepEqual(r, { ok: false, reason: 'the filters leave no track' });
  });

  it('selectTracks applies only the selections, never the times', () => {
    const p = selectTracks(livePresentation(), [{ presentationTimeRange: { startTimestamp: 29 * S }, tracks: [{ trackSelections: [byType('audio')] }] }]);
    assert.deepEqual(ids(p), ['audio_720', 'audio_480', 'audio_360']);
    assert.deepEqual(sequences(p, 'audio_720'), [10, 11, 12, 13, 14]);
  });
});

describe('applyFilters: presentation time range', () => {
  it('a start inside a fragment keeps that fragment whole (GOP-accurate); one on a boundary starts there', () => {
    assert.deepEqual(sequences(filtered(livePresentation(), [{ presentationTimeRange: { startTimestamp: 23 * S } }]), 'video_720'), [11, 12, 13, 14]);
    assert.deepEqual(sequences(filtered(livePresentation(), [{ presentationTimeRange: { startTimestamp: 22 * S } }]), 'video_720'), [11, 12, 13, 14]);
    // In the track's own timescale: 90 kHz ticks of 24 s.
    assert.deepEqual(sequences(filtered(livePresentation(), [{ presentationTimeRange: { startTimestamp: 24 * 90000, timescale: 90000 } }]), 'video_720'), [12, 13, 14]);
  });

  it('an end applies once the presentation has ended, or while live when forced', () => {
    const range = { startTimestamp: 22 * S, endTimestamp: 27 * S };
    assert.deepEqual(sequences(filtered(endedPresentation(), [{ presentationTimeRange: range }]), 'video_720'), [11, 12, 13]);
    assert.deepEqual(sequences(filtered(livePresentation(), [{ presentationTimeRange: range }]), 'video_720'), [11, 12, 13, 14]);
    assert.deepEqual(sequences(filtered(livePresentation(), [{ presentationTimeRange: { ...range, forceEndTimestamp: true } }]), 'video_720'), [11, 12, 13]);
  });

  it('starts and ends of several filters intersect', () => {
    const p = filtered(endedPresentation(), [{ presentationTimeRange: { startTimestamp: 21 * S, endTimestamp: 29 * S } }, { presentationTimeRange: { startTimestamp: 24 * S, endTimestamp: 30 * S } }]);
    assert.deepEqual(sequences(p, 'video_720'), [12, 13, 14]);
  });

  it('live back-off drops the newest fragments of every track alike; audio ends within the tolerance count', () => {
    // The edge is 30 s; 4.01 s back is 25.99 s. Video fragment 12 ends at 26 s and audio_720's
    // at 25.989 s (AAC framing): both count as before the edge, so the renditions end together.
    const p = filtered(livePresentation(), [{ presentationTimeRange: { liveBackoffDuration: 40_100_000 } }]);
    for (const pt of p.tracks) assert.deepEqual(sequences(p, pt.track.id), [10, 11, 12], pt.track.id);
    const further = filtered(livePresentation(), [{ presentationTimeRange: { liveBackoffDuration: 5 * S } }]);
    for (const pt of further.tracks) assert.deepEqual(sequences(further, pt.track.id), [10, 11], pt.track.id);
    assert.deepEqual(sequences(filtered(endedPresentation(), [{ presentationTimeRange: { liveBackoffDuration: 4 * S } }]), 'video_720'), [10, 11, 12, 13, 14], 'ignored once ended');
  });

  it('a live window counts back from the backed-off edge and narrows the DVR window the manifests announce', () => {
    const p = filtered(livePresentation(), [{ presentationTimeRange: { presentationWindowDuration: 6 * S, liveBackoffDuration: 2 * S } }]);
    assert.deepEqual(sequences(p, 'video_720'), [11, 12, 13]);
    assert.equal(p.dvrWindowMs, 6000);
    const longer = filtered(livePresentation(), [{ presentationTimeRange: { presentationWindowDuration: 600 * S } }]);
    assert.equal(longer.dvrWindowMs, 60000, 'never wider than the program window');
    assert.equal(filtered(endedPresentation(), [{ presentationTimeRange: { presentationWindowDuration: 6 * S } }]).dvrWindowMs, undefined, 'ignored once ended');
  });

  it('trimming past a discontinuity counts it in the discontinuity sequence', () => {
    // The encoder re-published at sequence 12 (10 s jump): 20, 22, then 34, 36, 38 s.
    const p = filtered(discontinuityPresentation(), [{ presentationTimeRange: { startTimestamp: 35 * S } }]);
    const video = p.tracks.find((t) => t.track.id === 'video_720')!;
    assert.deepEqual(video.entries.map((e) => e.sequence), [12, 13, 14]);
    assert.equal(video.discontinuitySequence, 2, 'the flagged first entry keeps its tag');
    const later = filtered(discontinuityPresentation(), [{ presentationTimeRange: { startTimestamp: 36 * S } }]).tracks.find((t) => t.track.id === 'video_720')!;
    assert.deepEqual([later.entries[0].sequence, later.discontinuitySequence], [13, 3]);
    assert.deepEqual([...later.versions.keys()], [1], 'versions no entry uses are dropped');
  });

  it('a range with nothing recorded in it is refused with a reason', () => {
    const r = applyFilters(livePresentation(), [{ presentationTimeRange: { startTimestamp: 31 * S } }]);
    assert.deepEqual(r, { ok: false, reason: "nothing has been recorded inside the filters' time range" });
  });

  it('firstQuality comes from the first filter that has one', () => {
    const r = applyFilters(livePresentation(), [{}, { firstQuality: { bitrate: 1_400_000 } }, { firstQuality: { bitrate: 1 } }]);
    assert.ok(r.ok && r.firstBitrate === 1_400_000);
  });
});
