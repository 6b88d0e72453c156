// Smooth Streaming ingest of HEVC (issue 4: "H.264, HEVC and AAC"): ffmpeg's ismv muxer pushes
// libx265 video (hvc1 + hvcC) and AAC; HLS fMP4 and DASH name hvc1 codecs, HLS MPEG-TS names
// hev1 (parameter sets in-band, stream_type 0x24), and all three decode in ffmpeg.
// No browser: Chromium has no HEVC decoder.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeWithFfmpeg, ffprobeJson, runFfmpeg, type FfmpegProcess } from './harness/ffmpeg.js';
import { liveTestSourceArgs } from './harness/ffmpeg-args.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

describe('Smooth ingest of HEVC', { timeout: 3 * 60_000 }, () => {
  let t: Tributary;
  let token: string;
  let urls: { hls: string; hlsCmaf: string; dash: string; smooth: string };
  let encoder: FfmpegProcess | undefined;

  before(async () => {
    t = await startTributary();
    const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'hevc', input: { protocol: 'fmp4' } });
    token = ch.body.input.accessToken;
    await t.api('POST', '/channels/hevc/start');
    await t.api('POST', '/channels/hevc/programs', { name: 'show', archiveWindow: 'PT5M' });
    await t.api('POST', '/channels/hevc/programs/show/start');
    urls = (await t.api<{ urls: typeof urls }>('POST', '/locators', { assetName: 'show' })).body.urls;
  });

  after(async () => {
    await encoder?.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('ffmpeg pushes libx265 + AAC; HLS fMP4 and DASH carry hvc1, HLS MPEG-TS hev1, and all decode in ffmpeg', async () => {
    const args = [
      ...liveTestSourceArgs({ width: 640, height: 360, durationSec: 120 }),
      '-map', '0:v', '-map', '1:a',
      '-c:v', 'libx265', '-preset', 'ultrafast', '-b:v', '600k', '-g', '60', '-keyint_min', '60', '-pix_fmt', 'yuv420p',
      '-x265-params', 'log-level=error:scenecut=0', '-tag:v', 'hvc1',
      '-c:a', 'aac', '-b:a', '96k', '-ar', '48000',
      '-movflags', 'isml+frag_keyframe', '-f', 'ismv', `${t.httpBase}/ingest/hevc/${token}/ingest.isml/Streams(hevc)`,
    ];
    encoder = runFfmpeg(args, 'ffmpeg ismv hevc', 120);
    await waitFor('three fragments per track', 60_000, async () => {
      const s = await t.api<{ tracks: { type: string; fragmentsListed: number }[] }>('GET', '/channels/hevc/ingest');
      return s.body.tracks.length === 2 && s.body.tracks.every((x) => x.fragmentsListed >= 3) ? true : undefined;
    });

    const master = (await fetchText(urls.hlsCmaf)).text;
    assert.match(master, /CODECS="hvc1\.1\.6\.L\d+(\.[0-9A-F]{2})*,mp4a\.40\.2"/, master);
    assert.match(master, /RESOLUTION=640x360/);
    const mpd = (await fetchText(urls.dash)).text;
    assert.match(mpd, /codecs="hvc1\.1\.6\.L\d+/, mpd);
    const smooth = (await fetchText(urls.smooth)).text;
    assert.match(smooth, /FourCC="HVC1"[^>]*CodecPrivateData="00000001(40|41)01/, smooth);

    // m3u8-aapl: the HEVC variant muxed into MPEG-TS, named hev1; its TS segment is HEVC + AAC.
    const aapl = (await fetchText(urls.hls)).text;
    assert.match(aapl, /CODECS="hev1\.1\.6\.L\d+(\.[0-9A-F]{2})*,mp4a\.40\.2"/, aapl);
    const tsPlaylistUri = aapl.split('\n').find((l) => l.startsWith('QualityLevels(') && l.includes('format=m3u8-aapl') && !/audio/i.test(l));
    assert.ok(tsPlaylistUri, aapl);
    const tsPlaylist = new URL(tsPlaylistUri, urls.hls).href;
    const tsSegment = (await fetchText(tsPlaylist)).text.split('\n').find((l) => l.startsWith('Fragments('));
    assert.ok(tsSegment !== undefined && tsSegment.endsWith('.ts'), tsSegment);
    const probe = ((await ffprobeJson(new URL(tsSegment, tsPlaylist).href, ['-show_streams'])) as { streams: { codec_name: string; width?: number; height?: number }[] }).streams;
    assert.deepEqual(probe.map((s) => s.codec_name).sort(), ['aac', 'hevc']);
    assert.deepEqual(probe.filter((s) => s.codec_name === 'hevc').map((s) => [s.width, s.height]), [[640, 360]]);

    for (const url of [urls.hls, urls.hlsCmaf, urls.dash]) {
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
    }
  });
});
