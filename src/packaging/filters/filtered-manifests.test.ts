// Golden manifests of every format with filters applied, live, DVR-windowed and on demand: the
// same checks as the unfiltered goldens, plus the URL's filters carried into every playlist and
// muxed segment URL, and never into a segment whose bytes do not depend on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkMediaPlaylist, checkMultivariantPlaylist, checkWellFormedXml, mpdSegmentRequests } from '../../../test/golden/manifest-checks.js';
import { AST, discontinuityPresentation, endedPresentation, livePresentation } from '../../../test/golden/presentation-fixtures.js';
import type { ManifestFilter } from '../../model/manifest-filter.js';
import type { Presentation } from '../../model/presentation.js';
import { renderMpd } from '../dash/mpd.js';
import { renderF4m } from '../hds/f4m-manifest.js';
import { parseHdsPath } from '../hds/hds-path.js';
import type { HlsFormat } from '../hls/hls-format.js';
import { renderMediaPlaylist } from '../hls/media-playlist.js';
import { renderMultivariantPlaylist } from '../hls/multivariant-playlist.js';
import { parsePlaybackPath } from '../playback-path.js';
import { renderSmoothManifest } from '../smooth/smooth-manifest.js';
import { applyFilters } from './apply-filters.js';

const S = 10_000_000;
const utcTiming = [{ scheme: 'urn:mpeg:dash:utc:http-iso:2014', value: 'https://origin.example/time' }];

interface Case {
  name: string;
  presentation: Presentation;
  /** The URL's filter names and what they stand for. */
  urlFilters: string[];
  filters: ManifestFilter[];
  playlists: [string, HlsFormat][];
}

const CASES: Case[] = [
  {
    // A device profile: video up to 1.5 Mb/s, English audio, starting past a slate, 800k first.
    name: 'live-device',
    presentation: livePresentation(),
    urlFilters: ['mobile', 'noslate'],
    filters: [
      {
        tracks: [
          { trackSelections: [{ property: 'Type', operation: 'Equal', value: 'video' }, { property: 'Bitrate', operation: 'Equal', value: '0-1500000' }] },
          { trackSelections: [{ property: 'Type', operation: 'Equal', value: 'audio' }, { property: 'Language', operation: 'Equal', value: 'en' }] },
        ],
        firstQuality: { bitrate: 800_000 },
      },
      { presentationTimeRange: { startTimestamp: 23 * S } },
    ],
    playlists: [['video_480', 'm3u8-aapl'], ['video_360', 'm3u8-aapl-v3'], ['audio_720', 'm3u8-cmaf']],
  },
  {
    // A shorter DVR window four seconds behind the edge (ad insertion back-off).
    name: 'live-window',
    presentation: livePresentation(),
    urlFilters: ['backoff'],
    filters: [{ presentationTimeRange: { presentationWindowDuration: 6 * S, liveBackoffDuration: 2 * S } }],
    playlists: [['video_720', 'm3u8-cmaf']],
  },
  {
    // A clip of the recording, on demand.
    name: 'ended-clip',
    presentation: endedPresentation(),
    urlFilters: ['clip'],
    filters: [{ presentationTimeRange: { startTimestamp: 22 * S, endTimestamp: 27 * S } }],
    playlists: [['video_720', 'm3u8-cmaf'], ['video_720', 'm3u8-aapl-v3']],
  },
  {
    // Trimmed past an encoder re-publish: the discontinuity it leaves behind is counted.
    name: 'discontinuity-trimmed',
    presentation: discontinuityPresentation(),
    urlFilters: ['late'],
    filters: [{ presentationTimeRange: { startTimestamp: 36 * S } }],
    playlists: [['video_720', 'm3u8-cmaf'], ['audio_720', 'm3u8-cmaf']],
  },
];

const parse = (path: string) => {
  const r = parsePlaybackPath(path);
  assert.ok(r.ok, path);
  return r.request;
};

describe('filtered manifests', () => {
  for (const c of CASES) {
    const r = applyFilters(c.presentation, c.filters);
    assert.ok(r.ok);
    const p = r.presentation;

    it(`${c.name}: HLS multivariant playlists name filtered playlists only, carrying the URL's filters`, () => {
      for (const format of ['m3u8-aapl', 'm3u8-aapl-v3', 'm3u8-cmaf'] as const) {
        const text = renderMultivariantPlaylist(p, format, { audioOnlyVariant: true, filters: c.urlFilters, firstBitrate: r.firstBitrate });
        assertGolden(`filters/${c.name}-multivariant-${format.replace('m3u8-', '')}.m3u8`, text);
        const named = checkMultivariantPlaylist(text, p, format);
        assert.ok(named.every((id) => p.tracks.some((t) => t.track.id === id)));
        for (const line of text.split('\n').filter((l) => l.startsWith('QualityLevels('))) assert.deepEqual(parse(line).options.filters, c.urlFilters, line);
      }
    });

    for (const [trackId, format] of c.playlists) {
      it(`${c.name}: ${format} media playlist of ${trackId}`, () => {
        const text = renderMediaPlaylist(p, trackId, format, c.urlFilters)!;
        assertGolden(`filters/${c.name}-${trackId}-${format.replace('m3u8-', '')}.m3u8`, text);
        checkMediaPlaylist(text, p, trackId, format);
        const segments = text.split('\n').filter((l) => l.startsWith('Fragments('));
        const muxed = format !== 'm3u8-cmaf';
        for (const s of segments) assert.deepEqual(parse(`QualityLevels(1)/${s}`).options.filters, muxed ? c.urlFilters : [], `${s}: only MPEG-TS segments carry filters`);
      });
    }

    it(`${c.name}: DASH (both profiles) lists the filtered tracks and times, with unfiltered segment URLs`, (t) => {
      for (const format of ['mpd-time-csf', 'mpd-time-cmaf'] as const) {
        const xml = renderMpd(p, { format, utcTiming });
        assertGolden(`filters/${c.name}-${format.replace('mpd-time-', '')}.mpd`, xml);
        if (!checkWellFormedXml(xml)) t.diagnostic('no XML parser found: well-formedness not checked');
        for (const rep of mpdSegmentRequests(xml)) {
          const pt = p.tracks.find((x) => x.track.id === rep.id)!;
          assert.ok(pt, `${rep.id} is kept by the filters`);
          assert.deepEqual(rep.segments.map((s) => (s.kind === 'segment' ? s.decodeTime : -1n)), pt.entries.map((e) => e.decodeTime));
          assert.ok(rep.segments.every((s) => s.options.filters.length === 0));
        }
      }
    });

    it(`${c.name}: Smooth and HDS`, (t) => {
      const smooth = renderSmoothManifest(p);
      assertGolden(`filters/${c.name}.ismc`, smooth);
      const f4m = renderF4m(p, c.urlFilters)!;
      assertGolden(`filters/${c.name}.f4m`, f4m);
      if (!checkWellFormedXml(smooth) || !checkWellFormedXml(f4m)) t.diagnostic('no XML parser found: well-formedness not checked');
      for (const url of [...f4m.matchAll(/url="([^"]*)"/g)].map((m) => m[1])) {
        const hds = parseHdsPath(url.endsWith('/') ? `${url}Seg1-Frag1` : url);
        assert.ok(hds && hds.filters.join(';') === c.urlFilters.join(';'), url);
      }
    });
  }

  it('the live window and back-off show in every format: DASH depth, Smooth DVRWindowLength, HDS dvrInfo', () => {
    const r = applyFilters(livePresentation(), CASES[1].filters);
    assert.ok(r.ok);
    assert.match(renderMpd(r.presentation, { format: 'mpd-time-cmaf', utcTiming }), /timeShiftBufferDepth="PT6S"/);
    assert.match(renderSmoothManifest(r.presentation), /DVRWindowLength="60000000"/);
    assert.match(renderF4m(r.presentation)!, /endOffset="6"/);
    assert.equal(AST, r.presentation.availabilityStartTime, 'filters never move the time line');
  });
});
