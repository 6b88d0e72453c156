import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { endedPresentation } from '../../../test/golden/presentation-fixtures.js';
import { parseByteRange } from './byte-range.js';
import { fixtureOrigin } from './fixture-origin.js';
import { ManifestCache } from './manifest-cache.js';
import { acceptsGzip } from './send-playback.js';

const segmentPath = (decodeTime: bigint, format: string, ext: string) => `QualityLevels(3000000)/Fragments(video_720=${decodeTime},format=${format}).${ext}`;

test('a segment: strong ETag, Last-Modified, 304 on If-None-Match and If-Modified-Since', async () => {
  const { get, video, presentation } = await fixtureOrigin();
  const path = segmentPath(video.decodeTime, 'm3u8-cmaf', 'm4s');
  const first = await get(path);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(first.headers['accept-ranges'], 'bytes');
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
  // The fragment's media ended at 24 s + 2 s after availabilityStartTime.
  const end = presentation.availabilityStartTime + Number(((video.decodeTime + BigInt(video.duration)) * 1000n) / 90000n);
  assert.equal(first.headers['last-modified'], new Date(end).toUTCString());
  assert.equal((await get(path)).headers.etag, etag, 'the same bytes, the same tag');

  const revalidated = await get(path, { 'if-none-match': `"other", ${etag}` });
  assert.deepEqual([revalidated.statusCode, revalidated.rawPayload.length, revalidated.headers.etag], [304, 0, etag]);
  assert.equal((await get(path, { 'if-none-match': 'W/' + etag })).statusCode, 304, 'If-None-Match compares weakly');
  assert.equal((await get(path, { 'if-none-match': '"other"' })).statusCode, 200);
  assert.equal((await get(path, { 'if-modified-since': new Date(end).toUTCString() })).statusCode, 304);
  assert.equal((await get(path, { 'if-modified-since': new Date(end - 5000).toUTCString() })).statusCode, 200);
  // An MPEG-TS segment is muxed on request, the same bytes each time: a stable tag too.
  const ts = segmentPath(video.decodeTime, 'm3u8-aapl', 'ts');
  const a = await get(ts);
  assert.equal(a.statusCode, 200);
  assert.equal((await get(ts)).headers.etag, a.headers.etag);
  assert.notEqual(a.headers.etag, etag, 'another format, another representation');
});

test('a segment: byte ranges (206, suffix, open end), 416 past the end, If-Range, HEAD', async () => {
  const { app, get, video } = await fixtureOrigin();
  const path = segmentPath(video.decodeTime, 'm3u8-cmaf', 'm4s');
  const full = (await get(path)).rawPayload;
  const etag = String((await get(path)).headers.etag);
  const part = await get(path, { range: 'bytes=0-9' });
  assert.deepEqual([part.statusCode, part.headers['content-range'], part.headers['content-length']], [206, `bytes 0-9/${full.length}`, '10']);
  assert.deepEqual(part.rawPayload, full.subarray(0, 10));
  const tail = await get(path, { range: 'bytes=-7' });
  assert.deepEqual([tail.statusCode, tail.rawPayload], [206, full.subarray(full.length - 7)]);
  const open = await get(path, { range: `bytes=${full.length - 3}-` });
  assert.deepEqual([open.headers['content-range'], open.rawPayload], [`bytes ${full.length - 3}-${full.length - 1}/${full.length}`, full.subarray(full.length - 3)]);
  const past = await get(path, { range: `bytes=${full.length}-` });
  assert.deepEqual([past.statusCode, past.headers['content-range']], [416, `bytes */${full.length}`]);
  assert.equal(past.json().code, 'ERR_RANGE');
  assert.equal((await get(path, { range: 'bytes=0-1,5-6' })).statusCode, 200, 'several ranges: the whole body');
  assert.equal((await get(path, { range: 'bytes=0-1', 'if-range': '"stale"' })).statusCode, 200, 'If-Range that does not match: the whole body');
  assert.equal((await get(path, { range: 'bytes=0-1', 'if-range': etag })).statusCode, 206);

  const head = await app.inject({ method: 'HEAD', url: `/0f8fad5b-d9cb-469f-a165-70867728950e/show.ism/${path}` });
  assert.deepEqual([head.statusCode, head.rawPayload.length, head.headers['content-length'], head.headers.etag], [200, 0, String(full.length), etag]);
});

test('a manifest: one ETag per version, 304, gzip when asked (its own ETag), Vary, Content-Types', async () => {
  const { app, get } = await fixtureOrigin();
  const cases: [string, string][] = [
    ['manifest(format=m3u8-cmaf)', 'application/vnd.apple.mpegurl'],
    ['QualityLevels(3000000)/Manifest(video_720,format=m3u8-aapl)', 'application/vnd.apple.mpegurl'],
    ['manifest(format=mpd-time-csf)', 'application/dash+xml'],
    ['manifest', 'application/vnd.ms-sstr+xml'],
    ['manifest(format=f4m-f4f)', 'application/f4m+xml'],
  ];
  for (const [path, type] of cases) {
    const plain = await get(path);
    assert.equal(plain.statusCode, 200, path);
    assert.equal(plain.headers['content-type'], type);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.equal(plain.headers['cache-control'], 'public, max-age=1', 'live: half a segment');
    assert.ok(plain.headers['last-modified']);
    const etag = String(plain.headers.etag);
    assert.equal((await get(path, { 'if-none-match': etag })).statusCode, 304);
    // A live manifest may change within the second: If-Modified-Since alone is not trusted.
    assert.equal((await get(path, { 'if-modified-since': String(plain.headers['last-modified']) })).statusCode, 200);
    const gz = await get(path, { 'accept-encoding': 'br;q=1.0, gzip;q=0.8' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.notEqual(gz.headers.etag, etag);
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    assert.ok(gz.rawPayload.length < plain.rawPayload.length, `${path}: gzip is smaller`);
    assert.equal((await get(path, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).statusCode, 304);
    assert.equal((await get(path, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
    const head = await app.inject({ method: 'HEAD', url: `/0f8fad5b-d9cb-469f-a165-70867728950e/show.ism/${path}` });
    assert.deepEqual([head.statusCode, head.rawPayload.length, head.headers.etag], [200, 0, etag]);
  }
  // Many players polling the same state get the same tag: one rendering serves them all.
  const tags = await Promise.all(Array.from({ length: 50 }, () => get('manifest(format=m3u8-cmaf)')));
  assert.equal(new Set(tags.map((r) => r.headers.etag)).size, 1);
});

test('an ended manifest is cacheable for a minute and honours If-Modified-Since', async () => {
  const { get } = await fixtureOrigin(endedPresentation());
  const first = await get('manifest(format=mpd-time-csf)');
  assert.equal(first.headers['cache-control'], 'public, max-age=60');
  assert.equal((await get('manifest(format=mpd-time-csf)', { 'if-modified-since': String(first.headers['last-modified']) })).statusCode, 304);
});

test('ManifestCache renders once per key, however many ask, and again for a new version', () => {
  const cache = new ManifestCache(2);
  let renders = 0;
  const render = () => {
    renders++;
    return `#EXTM3U\n# ${renders}\n`;
  };
  const first = cache.get('scope|1|m3u8', render)!;
  for (let i = 0; i < 1000; i++) assert.equal(cache.get('scope|1|m3u8', render), first);
  assert.equal(renders, 1);
  const next = cache.get('scope|2|m3u8', render)!;
  assert.equal(renders, 2);
  assert.notEqual(next.etag, first.etag);
  cache.get('scope|3|m3u8', render);
  cache.get('scope|1|m3u8', render);
  assert.equal(renders, 4, 'bounded: the oldest entry was forgotten');
  assert.equal(cache.get('gone', () => undefined), undefined);
});

test('parseByteRange and acceptsGzip read the headers as RFC 9110 says', () => {
  assert.deepEqual(parseByteRange('bytes=0-0', 10), { start: 0, end: 0 });
  assert.deepEqual(parseByteRange('bytes=5-100', 10), { start: 5, end: 9 });
  assert.deepEqual(parseByteRange('bytes=-20', 10), { start: 0, end: 9 });
  assert.equal(parseByteRange('bytes=-0', 10), 'unsatisfiable');
  assert.equal(parseByteRange('bytes=10-', 10), 'unsatisfiable');
  for (const ignored of [undefined, 'bytes=5-2', 'items=0-1', 'bytes=-', 'bytes=0-1,2-3', 'bytes=x-1', `bytes=${'9'.repeat(20)}-`]) assert.equal(parseByteRange(ignored, 10), undefined, ignored);
  assert.equal(acceptsGzip('gzip, deflate, br'), true);
  assert.equal(acceptsGzip('GZIP;q=0.5'), true);
  assert.equal(acceptsGzip('gzip;q=0, identity'), false);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip(undefined), false);
});
