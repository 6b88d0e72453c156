// Signed playback URLs (issue 7) with real clients: the default streaming endpoint gets a
// signing key, the API mints a locator's signed URLs, hls.js plays the signed HLS (every
// playlist and segment it fetches is under the signed path), ffmpeg decodes the signed DASH;
// unsigned, expired and forged URLs are 403.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { signToken } from '../../src/http/origin/url-signature.js';
import { decodeWithFfmpeg, publishRtmpSingle, type FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type LocatorUrls, type Tributary } from './tributary-process.js';

const skipBrowser = process.env.TRIBUTARY_SKIP_BROWSER === '1';

describe('signed playback URLs', { timeout: 3 * 60_000 }, () => {
  let t: Tributary;
  let encoder: FfmpegProcess | undefined;
  let browser: Browser | undefined;
  let locatorId: string;
  let unsigned: LocatorUrls;
  let signed: LocatorUrls;
  const key = { id: 'k1', base64Key: randomBytes(32).toString('base64') };

  before(async () => {
    t = await startTributary();
    const rec = await startRecordedChannel(t, { channel: 'sig' });
    locatorId = rec.locatorId;
    unsigned = rec.urls;
    encoder = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${rec.token}/cam`, durationSec: 120 });
    await waitFor('three segments', 40_000, async () => {
      const r = await fetchText(unsigned.dash);
      return r.status === 200 && (r.text.match(/<S /g)?.length ?? 0) + Number(/ r="(\d+)"/.exec(r.text)?.[1] ?? 0) >= 3 ? true : undefined;
    });
    const patched = await t.api('PATCH', '/streaming-endpoints/default', { urlSigning: { keys: [key] } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const minted = await t.api<{ urls: LocatorUrls }>('POST', '/streaming-endpoints/default/sign', { locatorId, expiryTime: new Date(Date.now() + 3600_000).toISOString() });
    assert.equal(minted.status, 200, JSON.stringify(minted.body));
    signed = minted.body.urls;
  });

  after(async () => {
    await browser?.close();
    await encoder?.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('unsigned, expired and forged URLs are refused with 403 ERR_URL_SIGNATURE', async () => {
    const status = async (url: string) => {
      const r = await fetchText(url);
      if (r.status === 403) assert.match(r.text, /ERR_URL_SIGNATURE/);
      return r.status;
    };
    assert.equal(await status(unsigned.hls), 403);
    const base = new URL(unsigned.hls);
    const expired = signToken(key, locatorId, Math.floor(Date.now() / 1000) - 1);
    assert.equal(await status(`${base.origin}/signed/${expired}${base.pathname}`), 403);
    const forged = signToken({ id: 'k1', base64Key: randomBytes(32).toString('base64') }, locatorId, Math.floor(Date.now() / 1000) + 3600);
    assert.equal(await status(`${base.origin}/signed/${forged}${base.pathname}`), 403);
    assert.equal(await status(signed.hls), 200);
  });

  test('ffmpeg decodes the signed DASH: segment URLs resolve under the signed path', async () => {
    const r = await decodeWithFfmpeg(signed.dash, 4);
    assert.equal(r.code, 0, r.stderr);
  });

  test('hls.js plays the signed HLS live', { skip: skipBrowser }, async () => {
    browser ??= await launchBrowser();
    const report = await playInBrowser({ browser, player: 'hls.js', url: signed.hlsCmaf, seconds: 6, minAdvanceSeconds: 3 });
    assert.ok(report.ok, describeReport(report));
    assert.deepEqual(report.fatalErrors, []);
  });
});
