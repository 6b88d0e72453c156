import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLiveServerManifest } from './live-server-manifest.js';
import { parseSmoothIngestUrl } from './smooth-ingest-url.js';

test('the SMIL of a Live Server Manifest Box: ffmpeg form, element attributes, quotes, entities, garbage', () => {
  const ffmpeg = `<?xml version="1.0" encoding="utf-8"?><smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head><meta name="creator" content="Lavf59.27.100" /></head><body><switch>
<video systemBitrate="3000000"><param name="systemBitrate" value="3000000" valuetype="data"/><param name="trackID" value="1" valuetype="data"/><param name="systemLanguage" value="und" valuetype="data"/><param name="trackName" value="video_und" valuetype="data"/><param name="FourCC" value="H264" valuetype="data"/></video>
<audio systemBitrate="128000"><param name="trackID" value="2" valuetype="data"/><param name="trackName" value="audio" valuetype="data"/><param name="FourCC" value="AACL" valuetype="data"/><param name="systemLanguage" value="en" valuetype="data"/></audio>
</switch></body></smil>`;
  assert.deepEqual(parseLiveServerManifest(ffmpeg), [
    { type: 'video', trackId: 1, bitrate: 3_000_000, trackName: 'video_und', fourCC: 'H264', language: 'und' },
    { type: 'audio', trackId: 2, bitrate: 128_000, trackName: 'audio', fourCC: 'AACL', language: 'en' },
  ]);
  const other = `<!-- <video trackID="9"/> --><smil:video SYSTEMBITRATE='500' trackID = '3' trackName='cam &amp; mic &#x41;'/><textstream systemBitrate="1"/><audio><PARAM NAME='TrackName' VALUE='a'></audio>`;
  assert.deepEqual(parseLiveServerManifest(other), [
    { type: 'video', trackId: 3, bitrate: 500, trackName: 'cam & mic A' },
    { type: 'audio', trackName: 'a' },
  ]);
  for (const junk of ['', '<', '<video', '<video a="', '<<<>>>', '\u0000\uffff<audio>', '<video systemBitrate="-5"><param name="trackID" value="x"/>']) {
    assert.ok(Array.isArray(parseLiveServerManifest(junk)));
  }
  assert.deepEqual(parseLiveServerManifest('<video systemBitrate="-5"><param name="trackID" value="1e9"/></video>'), [{ type: 'video' }]);
  assert.equal(parseLiveServerManifest('<video/>'.repeat(1000)).length, 64);
});

test('Smooth ingest URLs: primary and secondary, strict parts', () => {
  const token = '0123456789abcdef0123456789abcdef';
  assert.deepEqual(parseSmoothIngestUrl(`/ingest/ch1/${token}/ingest.isml/Streams(cam)`), { ok: true, value: { channel: 'ch1', token, streamName: 'cam', secondary: false } });
  assert.deepEqual(parseSmoothIngestUrl(`/ingest/ch1/${token}/ingest-secondary.isml/streams(video_720.a)?x=1`), {
    ok: true,
    value: { channel: 'ch1', token, streamName: 'video_720.a', secondary: true },
  });
  const refused: [string, number, RegExp][] = [
    [`/ingest/ch1/${token}/ingest.isml/Events(e)/Streams(cam)`, 404, /not a Smooth ingest URL/],
    [`/ingest/ch1/${token}/other.isml/Streams(cam)`, 404, /not a Smooth ingest URL/],
    [`/ingest/Ch_1/${token}/ingest.isml/Streams(cam)`, 404, /channel name/],
    [`/ingest/ch1/short/ingest.isml/Streams(cam)`, 403, /access token/],
    [`/ingest/ch1/${token}/ingest.isml/Streams()`, 404, /stream name/],
    [`/ingest/ch1/${token}/ingest.isml/Streams(a%20b)`, 404, /stream name/],
    [`/ingest/ch1/${token}/ingest.isml/Streams(${'x'.repeat(65)})`, 404, /stream name/],
    [`/ingest/ch1/${token}/ingest.isml/Streams(cam)/more`, 404, /not a Smooth ingest URL/],
  ];
  for (const [url, status, re] of refused) {
    const r = parseSmoothIngestUrl(url);
    assert.ok(!r.ok && r.status === status && re.test(r.reason), `${url}: ${JSON.stringify(r)}`);
  }
});
