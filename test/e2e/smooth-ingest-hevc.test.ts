// Smooth Streaming ingest of HEVC (issue 4: "H.264, HEVC and AAC"): ffmpeg's ismv muxer pushes
// libx265 video (hvc1 + hvcC) and AAC; HLS fMP4 and DASH name hvc1 codecs and decode in ffmpeg.
// No browser: Chromium has no HEVC decoder. MPEG-TS does not carry HEVC yet, so m3u8-aapl
// leaves the track out rather than serving a broken stream.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeWithFfmpeg, runFfmpeg, type FfmpegProcess } from './harness/ffmpeg.js';
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

  test('ffmpeg pushes libx265 + AAC; HLS fMP4 and DASH carry hvc1 codecs and decode in ffmpeg; m3u8-aapl leaves HEVC out', async () => {
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

    // m3u8-aapl: only the audio-only variant; the HEVC track's TS playlist is not found.
    const aapl = (await fetchText(urls.hls)).text;
    assert.doesNotMatch(aapl, /hvc1/);
    const videoUri = master.split('\n').find((l) => l.startsWith('QualityLevels(') && !/audio/i.test(l) && l.includes('format=m3u8-cmaf'));
    assert.ok(videoUri, master);
    const tsPlaylist = new URL(videoUri.replace('format=m3u8-cmaf', 'format=m3u8-aapl'), urls.hlsCmaf).href;
    assert.equal((await fetchText(tsPlaylist)).status, 404);
    // …and so is a TS segment of it, named as the fMP4 one with the m3u8-aapl suffix.
    const cmafPlaylist = new URL(videoUri, urls.hlsCmaf).href;
    const segment = (await fetchText(cmafPlaylist)).text.split('\n').find((l) => l.startsWith('Fragments('));
    assert.ok(segment);
    assert.equal((await fetch(new URL(segment, cmafPlaylist))).status, 200);
    const tsSegment = new URL(segment.replace('format=m3u8-cmaf).m4s', 'format=m3u8-aapl).ts'), cmafPlaylist);
    assert.notEqual(tsSegment.href, new URL(segment, cmafPlaylist).href);
    assert.equal((await fetch(tsSegment)).status, 404);

    for (const url of [urls.hlsCmaf, urls.dash]) {
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
    }
  });
});
