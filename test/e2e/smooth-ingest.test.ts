// Smooth Streaming ingest (CONTRACT §3): ffmpeg's ismv muxer pushes fragmented MP4 over one
// chunked HTTP POST per stream; the channel plays as HLS, DASH and Smooth like an RTMP one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { decodeWithFfmpeg, runFfmpeg, type FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser, type PlayerName } from './harness/players.js';
import { liveTestSourceArgs } from './harness/ffmpeg-args.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

describe('Smooth (fragmented MP4 POST) ingest', { timeout: 4 * 60_000 }, () => {
  let t: Tributary;
  let token: string;
  let urls: { hls: string; hlsCmaf: string; dash: string; smooth: string };
  let encoder: FfmpegProcess | undefined;
  let browser: Browser | undefined;

  before(async () => {
    t = await startTributary();
    const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'sm', input: { protocol: 'fmp4' } });
    token = ch.body.input.accessToken;
    await t.api('POST', '/channels/sm/start');
    await t.api('POST', '/channels/sm/programs', { name: 'show', archiveWindow: 'PT5M' });
    await t.api('POST', '/channels/sm/programs/show/start');
    urls = (await t.api<{ urls: typeof urls }>('POST', '/locators', { assetName: 'show' })).body.urls;
  });

  after(async () => {
    await browser?.close();
    await encoder?.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('the empty probe POST is answered; a wrong token, an address outside ipAllow or a stopped channel is refused', async () => {
    const base = `${t.httpBase}/ingest/sm`;
    const post = (url: string) => fetch(url, { method: 'POST', body: '' }).then((r) => r.status);
    assert.equal(await post(`${base}/${token}/ingest.isml/Streams(cam)`), 200);
    assert.equal(await post(`${base}/wrong-token-0123456789abcdef/ingest.isml/Streams(cam)`), 403);
    assert.equal(await post(`${t.httpBase}/ingest/nope/${token}/ingest.isml/Streams(cam)`), 404);
    const off = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'sm-off', input: { protocol: 'fmp4' } });
    assert.equal(await post(`${t.httpBase}/ingest/sm-off/${off.body.input.accessToken}/ingest.isml/Streams(cam)`), 409);
    const walled = await t.api<{ input: { accessToken: string } }>('POST', '/channels', {
      name: 'sm-walled',
      input: { protocol: 'fmp4', ipAllow: [{ address: '192.0.2.0', prefixLength: 24 }] },
    });
    await t.api('POST', '/channels/sm-walled/start');
    assert.equal(await post(`${t.httpBase}/ingest/sm-walled/${walled.body.input.accessToken}/ingest.isml/Streams(cam)`), 403);
  });

  test('ffmpeg publishes three video renditions and audio in one POST; ffmpeg decodes HLS and DASH', async () => {
    const args = [
      ...liveTestSourceArgs({ width: 640, height: 360, durationSec: 180 }),
      '-filter_complex', '[0:v]split=3[a][b][c];[b]scale=480:270[bs];[c]scale=320:180[cs]',
      '-map', '[a]', '-map', '[bs]', '-map', '[cs]', '-map', '1:a',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v:0', '800k', '-b:v:1', '500k', '-b:v:2', '300k', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '96k', '-ar', '48000',
      '-movflags', 'isml+frag_keyframe', '-f', 'ismv', `${t.httpBase}/ingest/sm/${token}/ingest.isml/Streams(cam)`,
    ];
    encoder = runFfmpeg(args, 'ffmpeg ismv', 120);
    await waitFor('three fragments per track', 40_000, async () => {
      const s = await t.api<{ tracks: { type: string; fragmentsListed: number }[] }>('GET', '/channels/sm/ingest');
      return s.body.tracks.length === 4 && s.body.tracks.every((x) => x.fragmentsListed >= 3) ? true : undefined;
    });
    const master = (await fetchText(urls.hlsCmaf)).text;
    assert.deepEqual(master.match(/RESOLUTION=\d+x\d+/g)?.sort(), ['RESOLUTION=320x180', 'RESOLUTION=480x270', 'RESOLUTION=640x360']);
    const smooth = await fetchText(urls.smooth);
    assert.equal(smooth.status, 200);
    assert.match(smooth.text, /QualityLevels="3"/);
    for (const url of [urls.hls, urls.hlsCmaf, urls.dash]) {
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
    }
  });

  // A Smooth manifest has no UTCTiming: dash.js is told where the origin's clock is, as a player
  // page configures it (its default time source is on the internet).
  const plays: Array<[PlayerName, 'hls' | 'dash' | 'smooth']> = [['hls.js', 'hls'], ['dash.js', 'dash'], ['dash.js-mss', 'smooth']];
  for (const [player, key] of plays) {
    test(`${player} plays the Smooth-ingested channel's ${key} live`, async () => {
      browser ??= await launchBrowser();
      const utcTimingUrl = player === 'dash.js-mss' ? `${t.httpBase}/time` : undefined;
      const report = await playInBrowser({ browser, player, url: urls[key], seconds: 15, minAdvanceSeconds: 8, utcTimingUrl });
      assert.ok(report.ok, describeReport(report));
      assert.deepEqual(report.fatalErrors, []);
    });
  }
});
