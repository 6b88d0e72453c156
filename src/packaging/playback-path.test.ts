import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initName, manifestPath, parsePlaybackPath, playlistPath, segmentName } from './playback-path.js';

test('every path the builders make parses back to the same request', () => {
  for (const format of ['m3u8-aapl', 'm3u8-cmaf', 'mpd-time-csf'] as const) {
    assert.deepEqual(parsePlaybackPath(manifestPath(format)), { ok: true, request: { kind: 'manifest', options: { format, filters: [], audioOnly: true } } });
    const playlist = parsePlaybackPath(playlistPath(3000000, 'video_720', format));
    assert.ok(playlist.ok && playlist.request.kind === 'playlist' && playlist.request.trackId === 'video_720' && playlist.request.bitrate === 3000000);
    const seg = parsePlaybackPath(`QualityLevels(3000000)/${segmentName('video_720', 2n ** 62n, format)}`);
    assert.ok(seg.ok && seg.request.kind === 'segment' && seg.request.decodeTime === 2n ** 62n && seg.request.options.format === format);
    const init = parsePlaybackPath(`QualityLevels(128000)/${initName('audio_720', 3, format)}`);
    assert.ok(init.ok && init.request.kind === 'init' && init.request.trackVersion === 3 && init.request.trackId === 'audio_720');
  }
});

test('segment names carry the extension ffmpeg requires; Azure-style names without one still parse', () => {
  assert.equal(segmentName('v', 90n, 'm3u8-aapl'), 'Fragments(v=90,format=m3u8-aapl).ts');
  assert.equal(segmentName('v', 90n, 'm3u8-cmaf'), 'Fragments(v=90,format=m3u8-cmaf).m4s');
  assert.equal(initName('v', 0, 'mpd-time-csf'), 'Fragments(v=i0,format=mpd-time-csf).mp4');
  const azure = parsePlaybackPath('QualityLevels(128000)/Fragments(audio_eng=0,format=m3u8-aapl)');
  assert.ok(azure.ok && azure.request.kind === 'segment');
});

test('options: filters, audio-only, case of the manifest keyword', () => {
  const r = parsePlaybackPath('Manifest(format=m3u8-cmaf,filter=a;b,audio-only=false)');
  assert.deepEqual(r, { ok: true, request: { kind: 'manifest', options: { format: 'm3u8-cmaf', filters: ['a', 'b'], audioOnly: false } } });
});

test('malformed or hostile paths are refused with a reason, never thrown', () => {
  const bad = [
    'manifest(format=nope)',
    'manifest(format=m3u8-aapl',
    'QualityLevels(abc)/Fragments(v=1,format=m3u8-aapl)',
    'QualityLevels(1)/Fragments(../../etc=1,format=m3u8-aapl)',
    'QualityLevels(1)/Fragments(v=-5,format=m3u8-aapl)',
    'QualityLevels(1)/Fragments(v=1,w=2,format=m3u8-aapl)',
    'QualityLevels(1)/Fragments(v=1,format=m3u8-aapl).exe',
    'QualityLevels(1)/Manifest(v,format=m3u8-aapl,x=1)',
    'manifest(audio-only=maybe)',
    '../../../etc/passwd',
    'x'.repeat(600),
    '',
  ];
  for (const path of bad) {
    const r = parsePlaybackPath(path);
    assert.equal(r.ok, false, path);
    assert.ok(!r.ok && r.reason.length > 0);
  }
});

test('Smooth fragment and FragmentInfo paths carry no format and no extension', () => {
  assert.equal(segmentName('video', 20000000n, 'smooth'), 'Fragments(video=20000000)');
  const frag = parsePlaybackPath('QualityLevels(3000000)/Fragments(video=20000000)');
  assert.ok(frag.ok && frag.request.kind === 'segment' && frag.request.options.format === 'smooth' && !frag.request.info);
  const info = parsePlaybackPath('QualityLevels(3000000)/FragmentInfo(video=20000000)');
  assert.ok(info.ok && info.request.kind === 'segment' && info.request.info === true);
});
