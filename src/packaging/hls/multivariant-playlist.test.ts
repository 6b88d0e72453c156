import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Presentation } from '../../model/presentation.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkMultivariantPlaylist } from '../../../test/golden/manifest-checks.js';
import { audioOnlyPresentation, av1Presentation, discontinuityPresentation, hevcPresentation, livePresentation } from '../../../test/golden/presentation-fixtures.js';
import type { HlsFormat } from './hls-format.js';
import { renderMediaPlaylist } from './media-playlist.js';
import { renderMultivariantPlaylist, type MultivariantOptions } from './multivariant-playlist.js';

const live = livePresentation();
const withAudioOnly: MultivariantOptions = { audioOnlyVariant: true };
const cases: [string, Presentation, HlsFormat, MultivariantOptions?][] = [
  ['live-multivariant-cmaf.m3u8', live, 'm3u8-cmaf'],
  ['live-multivariant-aapl.m3u8', live, 'm3u8-aapl'],
  ['live-multivariant-aapl-v3.m3u8', live, 'm3u8-aapl-v3'],
  ['discontinuity-multivariant-cmaf.m3u8', discontinuityPresentation(), 'm3u8-cmaf'],
  ['audio-only-multivariant-cmaf.m3u8', audioOnlyPresentation(), 'm3u8-cmaf'],
  ['audio-only-multivariant-aapl.m3u8', audioOnlyPresentation(), 'm3u8-aapl'],
  ['live-multivariant-cmaf-audio-variant.m3u8', live, 'm3u8-cmaf', withAudioOnly],
  ['live-multivariant-aapl-audio-variant.m3u8', live, 'm3u8-aapl', withAudioOnly],
  ['hevc-multivariant-cmaf.m3u8', hevcPresentation(), 'm3u8-cmaf'],
  ['av1-multivariant-cmaf.m3u8', av1Presentation(), 'm3u8-cmaf'],
  ['av1-multivariant-aapl.m3u8', av1Presentation(), 'm3u8-aapl'],
];

const attr = (line: string, name: string) => new RegExp(`[:,]${name}=("[^"]*"|[^,]*)`).exec(line)?.[1];
const streamInfs = (text: string) => text.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:'));

describe('renderMultivariantPlaylist', () => {
  for (const [name, p, format, options] of cases) {
    it(`matches golden ${name} and every URI names a media playlist`, () => {
      const text = renderMultivariantPlaylist(p, format, options);
      assertGolden(`hls/${name}`, text);
      checkMultivariantPlaylist(text, p, format);
    });
  }

  it('m3u8-cmaf: audio renditions with one DEFAULT, variants sorted by bitrate descending', () => {
    const text = renderMultivariantPlaylist(live, 'm3u8-cmaf');
    assert.deepEqual(checkMultivariantPlaylist(text, live, 'm3u8-cmaf'), ['audio_720', 'audio_480', 'audio_360', 'video_720', 'video_480', 'video_360']);
    assert.equal(text.match(/DEFAULT=YES/g)?.length, 1);
    for (const line of streamInfs(text)) {
      assert.equal(attr(line, 'AUDIO'), '"audio"');
      assert.match(attr(line, 'CODECS') ?? '', /,mp4a\.40\.2,mp4a\.40\.5"$/);
    }
  });

  it('BANDWIDTH = video peak + the largest audio peak; a measured overshoot beats nominal × 1.1', () => {
    const [v720, v480] = streamInfs(renderMultivariantPlaylist(live, 'm3u8-cmaf'));
    // video_720 sequence 12 carries 900000 bytes in 2 s = 3.6 Mbit/s > 3.3 Mbit/s; audio_720 128 kbit/s × 1.1.
    assert.equal(attr(v720, 'BANDWIDTH'), String(3600000 + 140800));
    assert.equal(attr(v480, 'BANDWIDTH'), String(1650000 + 140800));
  });

  it('m3u8-aapl: no renditions, each variant carries its paired audio', () => {
    const text = renderMultivariantPlaylist(live, 'm3u8-aapl');
    assert.doesNotMatch(text, /EXT-X-MEDIA|AUDIO=/);
    const [, v480, v360] = streamInfs(text);
    assert.equal(attr(v480, 'CODECS'), '"avc1.4d401e,mp4a.40.2"');
    assert.equal(attr(v360, 'CODECS'), '"avc1.42c01e,mp4a.40.5"');
    assert.equal(attr(v360, 'BANDWIDTH'), String(880000 + 70400));
  });

  it('adds audio-only variants on request, after the video ones', () => {
    const cmaf = streamInfs(renderMultivariantPlaylist(live, 'm3u8-cmaf', withAudioOnly));
    assert.equal(cmaf.length, 4);
    assert.equal(cmaf[3], '#EXT-X-STREAM-INF:BANDWIDTH=140800,AVERAGE-BANDWIDTH=124293,CODECS="mp4a.40.2,mp4a.40.5",AUDIO="audio"');
    const aapl = renderMultivariantPlaylist(live, 'm3u8-aapl', withAudioOnly);
    assert.equal(streamInfs(aapl).length, 6);
    assert.match(aapl, /CODECS="mp4a\.40\.5"\nQualityLevels\(64000\)\/Manifest\(audio_360,format=m3u8-aapl\)\n$/);
  });
});

describe('HEVC tracks', () => {
  const p = hevcPresentation();

  it('m3u8-cmaf lists the HEVC variant with an hvc1 codec string and its resolution', () => {
    const line = streamInfs(renderMultivariantPlaylist(p, 'm3u8-cmaf'))[0];
    assert.match(line, /CODECS="hvc1\.2\.4\.H123\.90,mp4a\.40\.2,mp4a\.40\.5"/);
    assert.match(line, /RESOLUTION=1920x1080,FRAME-RATE=25\.000/);
  });

  it('m3u8-aapl lists the HEVC variant as hev1 (parameter sets in-band in TS) with its paired audio', () => {
    const lines = streamInfs(renderMultivariantPlaylist(p, 'm3u8-aapl'));
    assert.equal(lines.length, streamInfs(renderMultivariantPlaylist(livePresentation(), 'm3u8-aapl')).length + 1);
    assert.match(lines[0], /CODECS="hev1\.2\.4\.H123\.90,mp4a\.40\.2"/);
    assert.match(lines[0], /RESOLUTION=1920x1080/);
    const media = renderMediaPlaylist(p, 'video_1080', 'm3u8-aapl') ?? '';
    assert.doesNotMatch(media, /#EXT-X-MAP/);
    assert.match(media, /Fragments\(video_1080=\d+,format=m3u8-aapl\)\.ts/);
  });
});

describe('AV1 tracks', () => {
  const p = av1Presentation();

  it('m3u8-cmaf lists the AV1 variant with an av01 codec string and its resolution', () => {
    const line = streamInfs(renderMultivariantPlaylist(p, 'm3u8-cmaf')).find((l) => l.includes('av01')) ?? '';
    assert.match(line, /CODECS="av01\.0\.08M\.10,mp4a\.40\.2,mp4a\.40\.5"/);
    assert.match(line, /RESOLUTION=1920x1080,FRAME-RATE=25\.000/);
    assert.match(renderMediaPlaylist(p, 'video_av1', 'm3u8-cmaf') ?? '', /#EXT-X-MAP/);
  });

  it('m3u8-aapl and m3u8-aapl-v3 leave the AV1 track out (MPEG-TS cannot carry it): no variant, no media playlist', () => {
    for (const format of ['m3u8-aapl', 'm3u8-aapl-v3'] as const) {
      const text = renderMultivariantPlaylist(p, format);
      assert.equal(streamInfs(text).length, streamInfs(renderMultivariantPlaylist(livePresentation(), format)).length);
      assert.doesNotMatch(text, /av01|video_av1/);
      assert.equal(renderMediaPlaylist(p, 'video_av1', format), undefined);
    }
  });
});
