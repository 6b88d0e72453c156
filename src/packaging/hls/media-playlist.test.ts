import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Presentation } from '../../model/presentation.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkMediaPlaylist } from '../../../test/golden/manifest-checks.js';
import {
  AST,
  audioOnlyPresentation,
  discontinuityPresentation,
  endedPresentation,
  livePresentation,
  slidPresentation,
} from '../../../test/golden/presentation-fixtures.js';
import type { HlsFormat } from './hls-format.js';
import { renderMediaPlaylist } from './media-playlist.js';

const live = livePresentation();
const disc = discontinuityPresentation();
const cases: [string, Presentation, string, HlsFormat][] = [
  ['live-video_720-cmaf.m3u8', live, 'video_720', 'm3u8-cmaf'],
  ['live-audio_720-cmaf.m3u8', live, 'audio_720', 'm3u8-cmaf'],
  ['live-video_480-aapl.m3u8', live, 'video_480', 'm3u8-aapl'],
  ['live-video_360-aapl-v3.m3u8', live, 'video_360', 'm3u8-aapl-v3'],
  ['ended-video_720-cmaf.m3u8', endedPresentation(), 'video_720', 'm3u8-cmaf'],
  ['ended-video_720-aapl-v3.m3u8', endedPresentation(), 'video_720', 'm3u8-aapl-v3'],
  ['ended-dvr-video_720-cmaf.m3u8', endedPresentation(60000), 'video_720', 'm3u8-cmaf'],
  ['discontinuity-video_720-cmaf.m3u8', disc, 'video_720', 'm3u8-cmaf'],
  ['discontinuity-audio_720-cmaf.m3u8', disc, 'audio_720', 'm3u8-cmaf'],
  ['discontinuity-video_720-aapl.m3u8', disc, 'video_720', 'm3u8-aapl'],
  ['audio-only-audio_720-aapl.m3u8', audioOnlyPresentation(), 'audio_720', 'm3u8-aapl'],
];

const render = (p: Presentation, id: string, f: HlsFormat) => renderMediaPlaylist(p, id, f) ?? assert.fail(`no playlist for ${id}`);

describe('renderMediaPlaylist', () => {
  for (const [name, p, trackId, format] of cases) {
    it(`matches golden ${name} and obeys the playlist rules`, () => {
      const text = render(p, trackId, format);
      assertGolden(`hls/${name}`, text);
      checkMediaPlaylist(text, p, trackId, format);
    });
  }

  it('returns undefined for an unknown track', () => {
    assert.equal(renderMediaPlaylist(live, 'video_1080', 'm3u8-cmaf'), undefined);
  });

  it('gives every playlist of a presentation the same TARGETDURATION (bis §6.2.4)', () => {
    for (const p of [live, disc]) {
      const tds = new Set(p.tracks.map((t) => checkMediaPlaylist(render(p, t.track.id, 'm3u8-cmaf'), p, t.track.id, 'm3u8-cmaf').targetDuration));
      assert.deepEqual([...tds], [2]);
    }
  });

  it('slides by removing from the head: MEDIA-SEQUENCE +1, TARGETDURATION unchanged, lines appended', () => {
    const later = slidPresentation(live);
    for (const t of live.tracks) {
      const before = checkMediaPlaylist(render(live, t.track.id, 'm3u8-cmaf'), live, t.track.id, 'm3u8-cmaf');
      const after = checkMediaPlaylist(render(later, t.track.id, 'm3u8-cmaf'), later, t.track.id, 'm3u8-cmaf');
      assert.equal(after.mediaSequence, before.mediaSequence + 1);
      assert.equal(after.targetDuration, before.targetDuration);
      assert.equal(after.discontinuitySequence, before.discontinuitySequence);
      const uris = (p: Presentation) => render(p, t.track.id, 'm3u8-cmaf').split('\n').filter((l) => l.startsWith('Fragments('));
      assert.deepEqual(uris(later).slice(0, -1), uris(live).slice(1));
    }
  });

  it('marks only a complete, never-slid presentation as VOD; every ended one gets ENDLIST', () => {
    const vod = render(endedPresentation(), 'video_720', 'm3u8-cmaf');
    const slid = render(endedPresentation(60000), 'video_720', 'm3u8-cmaf');
    const running = render(live, 'video_720', 'm3u8-cmaf');
    assert.match(vod, /#EXT-X-PLAYLIST-TYPE:VOD\n/);
    assert.doesNotMatch(slid, /PLAYLIST-TYPE/);
    assert.doesNotMatch(running, /PLAYLIST-TYPE|ENDLIST/);
    assert.ok(vod.endsWith('#EXT-X-ENDLIST\n') && slid.endsWith('#EXT-X-ENDLIST\n'));
  });

  it('repeats EXT-X-MAP and PROGRAM-DATE-TIME at a discontinuity with a new track version', () => {
    const text = render(disc, 'video_720', 'm3u8-cmaf');
    assert.deepEqual([...text.matchAll(/#EXT-X-MAP:URI="Fragments\(video_720=i(\d)/g)].map((m) => m[1]), ['0', '1']);
    assert.match(text, /#EXT-X-DISCONTINUITY-SEQUENCE:2\n/);
    // Sequence 12 starts at 12 × 2 s + the 10 s re-publish jump = 34 s after AST.
    const resumed = new Date(AST + 34000).toISOString();
    assert.match(text, new RegExp(`#EXT-X-DISCONTINUITY\n#EXT-X-MAP:[^\n]*i1[^\n]*\n#EXT-X-PROGRAM-DATE-TIME:${resumed}\n`));
    assert.doesNotMatch(render(disc, 'video_720', 'm3u8-aapl'), /EXT-X-MAP/);
  });

  it('prints EXTINF from integer ticks: 93 and 94 AAC frames at 48 kHz', () => {
    const text = render(live, 'audio_720', 'm3u8-cmaf');
    assert.match(text, /#EXTINF:1\.984,\n/);
    assert.match(text, /#EXTINF:2\.005,\n/);
  });
});
