// Enhanced RTMP ingest of HEVC and AV1 (issue 6). Debian's ffmpeg 5.1 cannot publish E-RTMP, so
// the harness's own publisher (harness/ertmp-publisher.ts) re-sends libx265 and libsvtav1 output
// as E-RTMP video tags (hvc1 / av01 SequenceStart + CodedFrames) with AAC. Checks: AV1 plays in
// hls.js (HLS fMP4) and dash.js (DASH CMAF) in Chromium; HEVC decodes in ffmpeg from HLS TS, HLS
// fMP4 and DASH; codec strings name hvc1/hev1/av01 as each format needs; AV1 is left out of the
// formats that cannot carry it (HLS MPEG-TS, Smooth) while its audio stays.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { publishErtmp, type ErtmpPublish } from './harness/ertmp-publisher.js';
import { decodeWithFfmpeg, ffprobeJson } from './harness/ffmpeg.js';
import type { NextGenVideoCodec } from './harness/ffmpeg-args.js';
import { describeReport, launchBrowser, playInBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

const skipBrowser = process.env.TRIBUTARY_SKIP_BROWSER === '1';

/** [codec, width, height] of each video stream ffprobe finds behind a manifest. */
async function videoStreams(url: string): Promise<[string, number, number][]> {
  const probe = (await ffprobeJson(url, ['-show_streams'])) as { streams: { codec_type: string; codec_name: string; width: number; height: number }[] };
  return probe.streams.filter((s) => s.codec_type === 'video').map((s) => [s.codec_name, s.width, s.height]);
}

interface Urls {
  hls: string;
  hlsCmaf: string;
  dash: string;
  dashCmaf: string;
  smooth: string;
}

describe('Enhanced RTMP ingest of HEVC and AV1', { timeout: 4 * 60_000 }, () => {
  let t: Tributary;
  const urls = new Map<NextGenVideoCodec, Urls>();
  const publishes: ErtmpPublish[] = [];
  let browser: Browser | undefined;

  before(async () => {
    t = await startTributary();
    const port = Number(new URL(t.rtmpPrimary).port);
    for (const codec of ['hevc', 'av1'] as const) {
      const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: codec, input: { protocol: 'rtmp' } });
      assert.equal(ch.status, 201, JSON.stringify(ch.body));
      await t.api('POST', `/channels/${codec}/start`);
      await t.api('POST', `/channels/${codec}/programs`, { name: `${codec}-show`, archiveWindow: 'PT5M' });
      await t.api('POST', `/channels/${codec}/programs/${codec}-show/start`);
      urls.set(codec, (await t.api<{ urls: Urls }>('POST', '/locators', { assetName: `${codec}-show` })).body.urls);
      publishes.push(await publishErtmp({ codec, port, app: `live/${ch.body.input.accessToken}`, name: codec, durationSec: 150 }));
    }
    // Both encoders run at once on the shared cores; allow for a slow start.
    await Promise.all(
      (['hevc', 'av1'] as const).map((codec) =>
        waitFor(`${codec}: three fragments per track`, 60_000, async () => {
          const s = await t.api<{ tracks: { type: string; fragmentsListed: number }[] }>('GET', `/channels/${codec}/ingest`);
          return s.body.tracks.length === 2 && s.body.tracks.every((x) => x.fragmentsListed >= 3) ? true : undefined;
        }),
      ),
    );
  });

  after(async () => {
    await browser?.close();
    for (const p of publishes) await p.stop();
    await t?.stop();
    await stopAllManaged();
  });

  test('HEVC: hvc1 in HLS fMP4, DASH and Smooth, hev1 in HLS MPEG-TS, sized from the SPS', async () => {
    const u = urls.get('hevc')!;
    const cmaf = (await fetchText(u.hlsCmaf)).text;
    assert.match(cmaf, /CODECS="hvc1\.1\.6\.L\d+(\.[0-9A-F]{2})*,mp4a\.40\.2",RESOLUTION=640x360/, cmaf);
    const aapl = (await fetchText(u.hls)).text;
    assert.match(aapl, /CODECS="hev1\.1\.6\.L\d+(\.[0-9A-F]{2})*,mp4a\.40\.2",RESOLUTION=640x360/, aapl);
    const mpd = (await fetchText(u.dash)).text;
    assert.match(mpd, /codecs="hvc1\.1\.6\.L\d+/, mpd);
    const smooth = (await fetchText(u.smooth)).text;
    assert.match(smooth, /FourCC="HVC1"/, smooth);
  });

  for (const key of ['hls', 'hlsCmaf', 'dash'] as const) {
    test(`HEVC: ffmpeg decodes ${key} without an error`, async () => {
      const url = urls.get('hevc')![key];
      assert.deepEqual(await videoStreams(url), [['hevc', 640, 360]]);
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${key}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), '');
    });
  }

  test('AV1: av01 codec strings in HLS fMP4 and DASH; left out of HLS MPEG-TS and Smooth, where the audio stays', async () => {
    const u = urls.get('av1')!;
    const cmaf = (await fetchText(u.hlsCmaf)).text;
    assert.match(cmaf, /CODECS="av01\.0\.\d\dM\.08,mp4a\.40\.2",RESOLUTION=640x360/, cmaf);
    for (const url of [u.dash, u.dashCmaf]) {
      const mpd = (await fetchText(url)).text;
      assert.match(mpd, /codecs="av01\.0\.\d\dM\.08"/, mpd);
      assert.match(mpd, /width="640"/, mpd);
    }
    const aapl = (await fetchText(u.hls)).text;
    assert.doesNotMatch(aapl, /av01|RESOLUTION=/, aapl);
    assert.match(aapl, /CODECS="mp4a\.40\.2"/, aapl);
    const smooth = (await fetchText(u.smooth)).text;
    assert.doesNotMatch(smooth, /Type="video"|AV01/i, smooth);
    assert.match(smooth, /Type="audio"/, smooth);
    assert.match(smooth, /<!-- video track \S+ \(av1\) is not carried in Smooth Streaming/, smooth);
  });

  for (const key of ['hlsCmaf', 'dashCmaf'] as const) {
    test(`AV1: ffmpeg decodes ${key} without an error`, async () => {
      const url = urls.get('av1')![key];
      assert.deepEqual(await videoStreams(url), [['av1', 640, 360]]);
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${key}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), '');
    });
  }

  for (const [player, key] of [['hls.js', 'hlsCmaf'], ['dash.js', 'dashCmaf']] as const) {
    test(`AV1: ${player} plays ${key} live in Chromium`, { skip: skipBrowser }, async () => {
      browser ??= await launchBrowser();
      const report = await playInBrowser({ browser, player, url: urls.get('av1')![key], seconds: 12, minAdvanceSeconds: 6 });
      assert.ok(report.ok, describeReport(report));
      assert.deepEqual(report.fatalErrors, []);
      // The picture was decoded, not only the audio: Chromium's AV1 decoder (dav1d) made frames.
      assert.deepEqual([report.videoWidth, report.videoHeight], [640, 360], describeReport(report));
      assert.ok(report.totalVideoFrames >= 60, describeReport(report));
    });
  }

  test('both publishes are still running: nothing was refused along the way', () => {
    for (const p of publishes) {
      assert.ok(p.encoder.isRunning(), p.encoder.stderr());
      assert.equal(p.dropped(), false, 'the server closed the RTMP connection');
      assert.ok(p.sent() > 100);
    }
  });
});
