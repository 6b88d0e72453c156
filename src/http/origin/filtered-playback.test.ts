import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManifestFilter } from '../../model/manifest-filter.js';
import { fixtureOrigin } from './fixture-origin.js';

const S = 10_000_000;
const only = (value: string, property: 'Type' | 'Name' = 'Type', operation: 'Equal' | 'NotEqual' = 'Equal'): ManifestFilter => ({
  tracks: [{ trackSelections: [{ property, operation, value }] }],
});

async function origin(defaults?: string[]) {
  const byName = new Map<string, ManifestFilter>([
    ['video', only('video')],
    ['english', { tracks: [{ trackSelections: [{ property: 'Type', operation: 'Equal', value: 'video' }] }, { trackSelections: [{ property: 'Language', operation: 'Equal', value: 'en' }] }] }],
    ['late', { presentationTimeRange: { startTimestamp: 25 * S } }],
    ['no720', only('audio_720', 'Name', 'NotEqual')],
  ]);
  return { byName, ...(await fixtureOrigin(undefined, { byName, defaults })) };
}

test("filter= in a manifest URL narrows every format; the playlists it names carry the URL's filters", async () => {
  const { get } = await origin();
  const hls = await get('manifest(format=m3u8-cmaf,filter=english;late)');
  assert.equal(hls.statusCode, 200);
  assert.doesNotMatch(hls.body, /audio_360/);
  assert.match(hls.body, /Manifest\(audio_720,format=m3u8-cmaf,filter=english;late\)/);
  const playlist = await get('QualityLevels(3000000)/Manifest(video_720,format=m3u8-cmaf,filter=english;late)');
  assert.equal(playlist.statusCode, 200);
  assert.match(playlist.body, /#EXT-X-MEDIA-SEQUENCE:12\n/, 'starts with the fragment straddling 25 s');
  const dash = await get('manifest(format=mpd-time-csf,filter=video)');
  assert.doesNotMatch(dash.body, /contentType="audio"/);
  const smooth = await get('manifest(filter=video)');
  assert.doesNotMatch(smooth.body, /Type="audio"/);
  const f4m = await get('manifest(format=f4m-f4f,filter=late)');
  assert.match(f4m.body, /Bootstrap\(video_720,format=f4m-f4f,filter=late\)/);
  const boot = await get('QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f,filter=late)');
  assert.equal(boot.statusCode, 200);
  // The fragment run table starts at fragment 12 (25 s) instead of 10: the bytes differ.
  assert.notDeepEqual(boot.rawPayload, (await get('QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f)')).rawPayload);
});

test('a track the filters leave out has no playlist under them; unknown or too many filters are 404 with a reason', async () => {
  const { get } = await origin();
  assert.equal((await get('QualityLevels(64000)/Manifest(audio_360,format=m3u8-cmaf,filter=english)')).statusCode, 404);
  assert.equal((await get('QualityLevels(64000)/Manifest(audio_360,format=m3u8-cmaf)')).statusCode, 200);
  const unknown = await get('manifest(format=m3u8-cmaf,filter=nope)');
  assert.deepEqual([unknown.statusCode, unknown.json().detail], [404, 'unknown filter "nope"']);
  const many = await get('manifest(format=m3u8-cmaf,filter=video;english;late;no720)');
  assert.deepEqual([many.statusCode, many.json().detail], [404, 'a URL may name at most 3 filters']);
  const empty = await get('manifest(format=mpd-time-cmaf,filter=video;no720;english)');
  assert.equal(empty.statusCode, 200);
  const none = await get('manifest(format=m3u8-cmaf,filter=late;video)');
  assert.equal(none.statusCode, 200);
  const nothing = await fixtureOrigin(undefined, { byName: new Map([['text', only('text')]]) });
  const removed = await nothing.get('manifest(format=m3u8-cmaf,filter=text)');
  assert.deepEqual([removed.statusCode, removed.json().detail, removed.headers['cache-control']], [404, 'the filters leave no track', 'no-store']);
});

test('an MPEG-TS segment under filters muxes its audio from the tracks they keep; fMP4 segments ignore them', async () => {
  const { get, video } = await origin();
  const ts = (filter: string) => get(`QualityLevels(3000000)/Fragments(video_720=${video.decodeTime},format=m3u8-aapl${filter}).ts`);
  const muxed = await ts('');
  const videoOnly = await ts(',filter=video');
  assert.equal(muxed.statusCode, 200);
  assert.equal(videoOnly.statusCode, 200);
  assert.ok(hasAacStream(muxed.rawPayload) && !hasAacStream(videoOnly.rawPayload), 'the video filter leaves the audio out of the segment');
  assert.notEqual(muxed.headers.etag, videoOnly.headers.etag);
  assert.equal((await ts(',filter=nope')).statusCode, 404);
  const playlist = await get('QualityLevels(3000000)/Manifest(video_720,format=m3u8-aapl,filter=video)');
  assert.match(playlist.body, /Fragments\(video_720=\d+,format=m3u8-aapl,filter=video\)\.ts/);
  const cmaf = await get('QualityLevels(3000000)/Manifest(video_720,format=m3u8-cmaf,filter=video)');
  assert.match(cmaf.body, /Fragments\(video_720=\d+,format=m3u8-cmaf\)\.m4s/, 'fMP4 segments are shared by every filter');
});

test("a locator's default filters apply to every manifest without showing in its URLs; URL filters add to them", async () => {
  const { get } = await origin(['english']);
  const hls = await get('manifest(format=m3u8-cmaf)');
  assert.doesNotMatch(hls.body, /audio_360|filter=/);
  const both = await get('manifest(format=m3u8-cmaf,filter=late)');
  assert.doesNotMatch(both.body, /audio_360/);
  assert.match(both.body, /filter=late\)/);
});

test('editing a filter changes the manifests at once: the cache keys on its definition', async () => {
  const { get, byName } = await origin();
  const before = await get('manifest(format=mpd-time-cmaf,filter=late)');
  byName.set('late', { presentationTimeRange: { startTimestamp: 27 * S } });
  const after = await get('manifest(format=mpd-time-cmaf,filter=late)');
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.notEqual(after.body, before.body);
  const unfiltered = await get('manifest(format=mpd-time-cmaf)');
  assert.notEqual(unfiltered.headers.etag, after.headers.etag);
});

test('a source without filters (a channel preview) refuses filter=', async () => {
  const { get } = await fixtureOrigin();
  const r = await get('manifest(format=m3u8-cmaf,filter=video)');
  assert.deepEqual([r.statusCode, r.json().detail], [404, 'unknown filter "video"']);
});

/** Whether a TS segment's PMT (after the PAT) declares an ADTS AAC stream (stream_type 0x0F). */
function hasAacStream(ts: Uint8Array): boolean {
  for (let off = 0; off + 188 <= ts.length; off += 188) {
    const pid = ((ts[off + 1] & 0x1f) << 8) | ts[off + 2];
    if (pid === 0 || pid === 0x1fff) continue;
    const pointer = ts[off + 4];
    const table = off + 5 + pointer;
    if (ts[table] !== 0x02) continue; // not a PMT
    const sectionEnd = table + 3 + (((ts[table + 1] & 0x0f) << 8) | ts[table + 2]) - 4;
    let p = table + 12 + (((ts[table + 10] & 0x0f) << 8) | ts[table + 11]);
    while (p < sectionEnd) {
      if (ts[p] === 0x0f) return true;
      p += 5 + (((ts[p + 3] & 0x0f) << 8) | ts[p + 4]);
    }
    return false;
  }
  return false;
}
