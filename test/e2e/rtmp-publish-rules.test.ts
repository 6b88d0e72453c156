// Publishing as encoders really do it, including the ones that get it wrong: a single-rendition
// publish, a wrong token, a stopped channel, garbage on the RTMP port, and an encoder that drops
// and comes back. The server must refuse cleanly, record nothing it should not, stay up with
// bounded memory, and keep the other channel streaming.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RawRtmpClient } from '../../src/ingest/rtmp/testing/raw-rtmp-client.js';
import { decodeWithFfmpeg, publishRtmpSingle, type FfmpegProcess } from './harness/ffmpeg.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

interface Urls {
  hls: string;
  hlsCmaf: string;
  dash: string;
}

function portOf(rtmpBase: string): number {
  return Number(new URL(rtmpBase.replace('rtmp:', 'http:')).port);
}

async function mediaPlaylist(masterUrl: string): Promise<string> {
  const master = await fetchText(masterUrl);
  const variant = master.text.split('\n').find((l) => l.startsWith('QualityLevels(') && l.includes('video'));
  if (!variant) return '';
  return (await fetchText(new URL(variant, masterUrl).href)).text;
}

function lastSegment(playlist: string): string | undefined {
  return playlist.split('\n').filter((l) => l.startsWith('Fragments(')).pop();
}

describe('RTMP publish rules and robustness', { timeout: 8 * 60_000 }, () => {
  let t: Tributary;
  let token: string;
  let offToken: string;
  let urls: Urls;
  let publisher: FfmpegProcess;

  before(async () => {
    t = await startTributary();
    const solo = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'solo', input: { protocol: 'rtmp' } });
    token = solo.body.input.accessToken;
    const off = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'off', input: { protocol: 'rtmp' } });
    offToken = off.body.input.accessToken;
    assert.equal((await t.api('POST', '/channels/solo/start')).status, 200);
    assert.equal((await t.api('POST', '/channels/solo/programs', { name: 'p', archiveWindow: 'PT5M' })).status, 201);
    assert.equal((await t.api('POST', '/channels/solo/programs/p/start')).status, 200);
    urls = (await t.api<{ urls: Urls }>('POST', '/locators', { assetName: 'p' })).body.urls;
  });

  after(async () => {
    await publisher?.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('a single-rendition publish becomes a one-variant presentation that ffmpeg decodes', async () => {
    publisher = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${token}/main`, durationSec: 240 });
    await waitFor('two segments listed', 40_000, async () => ((await mediaPlaylist(urls.hls)).match(/#EXTINF/g)?.length ?? 0) >= 2 || undefined);
    const master = (await fetchText(urls.hls)).text;
    // One video variant, and the audio-only variant HLS offers by default (audio-only=false drops it).
    const infs = master.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF'));
    assert.equal(infs.filter((l) => l.includes('RESOLUTION=')).length, 1, master);
    assert.deepEqual(infs.filter((l) => !l.includes('RESOLUTION=')).map((l) => /CODECS="([^"]*)"/.exec(l)?.[1]), ['mp4a.40.2'], master);
    assert.match(master, /RESOLUTION=640x360/);
    for (const url of [urls.hls, urls.hlsCmaf, urls.dash]) {
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
    }
  });

  test('a wrong access token is refused with NetStream.Publish.Denied and nothing is recorded', async () => {
    const before = await t.api<{ tracks: unknown[] }>('GET', '/channels/solo/ingest');
    const bad = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/not-a-token-0123456789/main`, durationSec: 5 });
    const exit = await bad.waitForExit(30_000);
    assert.ok(exit && exit.code !== 0, `ffmpeg should fail, exited ${JSON.stringify(exit)}`);
    const refused = t.logs().filter((l) => l.msg === 'publish refused');
    assert.ok(refused.some((l) => l.code === 'NetStream.Publish.Denied' && /unknown access token/.test(String(l.reason))), JSON.stringify(refused));
    const afterStatus = await t.api<{ tracks: unknown[] }>('GET', '/channels/solo/ingest');
    assert.equal(afterStatus.body.tracks.length, before.body.tracks.length);
  });

  test('a channel that is not running refuses to publish and records nothing', async () => {
    const bad = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${offToken}/main`, durationSec: 5 });
    const exit = await bad.waitForExit(30_000);
    assert.ok(exit && exit.code !== 0, `ffmpeg should fail, exited ${JSON.stringify(exit)}`);
    assert.ok(t.logs().some((l) => l.msg === 'publish refused' && /not running/.test(String(l.reason))));
    const status = await t.api<{ running: boolean; tracks: unknown[] }>('GET', '/channels/off/ingest');
    assert.equal(status.body.running, false);
    assert.equal(existsSync(join(t.dataDir, 'media', 'live-off')), false);
  });

  test('an encoder outside the channel\'s input.ipAllow is refused with NetStream.Publish.Denied', async () => {
    const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', {
      name: 'walled',
      input: { protocol: 'rtmp', ipAllow: [{ name: 'studio', address: '192.0.2.0', prefixLength: 24 }] },
    });
    assert.equal(ch.status, 201, JSON.stringify(ch.body));
    assert.equal((await t.api('POST', '/channels/walled/start')).status, 200);
    const bad = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${ch.body.input.accessToken}/main`, durationSec: 5 });
    const exit = await bad.waitForExit(30_000);
    assert.ok(exit && exit.code !== 0, `ffmpeg should fail, exited ${JSON.stringify(exit)}`);
    assert.ok(t.logs().some((l) => l.msg === 'publish refused' && /input\.ipAllow/.test(String(l.reason))));
    const status = await t.api<{ tracks: unknown[] }>('GET', '/channels/walled/ingest');
    assert.equal(status.body.tracks.length, 0);
  });

  test('garbage, a stream cut mid-chunk and oversized announcements are dropped with a logged reason; the other channel streams on', async () => {
    const port = portOf(t.rtmpPrimary);
    const rssBefore = await t.rssBytes();
    const segmentBefore = lastSegment(await mediaPlaylist(urls.hls));

    // 1. Not RTMP at all.
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write(Buffer.alloc(4096, 0x47)));
      s.on('close', () => resolve());
      s.on('error', () => undefined);
    });
    // 2. A SetChunkSize of 2 GB.
    const huge = await RawRtmpClient.open(port);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(0x7fffffff);
    huge.send({ csid: 2, timestamp: 0, typeId: 1, streamId: 0, payload: size });
    await huge.closed;
    // 3. A message header announcing 16 MB, then nothing but a trickle.
    const big = await RawRtmpClient.open(port);
    big.socket.write(Buffer.from([0x03, 0, 0, 0, 0xff, 0xff, 0xff, 0x14, 0, 0, 0, 0, 1, 2, 3]));
    await big.closed;
    // 4. A valid start, then the connection cut in the middle of a chunk.
    const cut = await RawRtmpClient.open(port);
    cut.socket.write(Buffer.from([0x03, 0, 0, 0, 0, 0x10, 0x00, 0x14, 0, 0, 0, 0, 2, 0, 7]));
    cut.close();
    // 5. Thirty connections that announce large messages and stall.
    const stalls = await Promise.all(Array.from({ length: 30 }, () => RawRtmpClient.open(port)));
    for (const s of stalls) s.socket.write(Buffer.from([0x03, 0, 0, 0, 0x7f, 0xff, 0xff, 0x09, 1, 0, 0, 0, 0x17, 0]));

    await waitFor('the oversized announcements to be logged', 10_000, async () => {
      const dropped = t.logs().filter((l) => l.msg === 'RTMP connection dropped');
      const logged = (code: string, reason: RegExp) => dropped.some((l) => l.code === code && reason.test(String(l.reason)));
      const all = logged('ERR_RTMP_HANDSHAKE', /version/) && logged('ERR_RTMP_PROTOCOL', /SetChunkSize 2147483647/) && logged('ERR_RTMP_LIMIT', /16777215 bytes exceeds/);
      return all ? true : undefined;
    });
    const rssAfter = await t.rssBytes();
    for (const s of stalls) s.close();
    assert.ok(rssAfter - rssBefore < 96 * 1024 * 1024, `memory grew by ${Math.round((rssAfter - rssBefore) / 1048576)} MiB`);
    // The other channel keeps streaming: a new segment is listed after all this.
    await waitFor('a new segment on the streaming channel', 20_000, async () => {
      const now = lastSegment(await mediaPlaylist(urls.hls));
      return now !== undefined && now !== segmentBefore ? true : undefined;
    });
    assert.ok(publisher.isRunning(), 'the real encoder was not disturbed');
  });

  test('an encoder that disconnects and reconnects continues the same presentation after a discontinuity', async () => {
    const first = await mediaPlaylist(urls.hls);
    const firstSequence = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(first)?.[1];
    await publisher.stop(2000);
    await new Promise((r) => setTimeout(r, 3000));
    publisher = publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${token}/main`, durationSec: 120 });
    const playlist = await waitFor('a discontinuity followed by two segments', 40_000, async () => {
      const p = await mediaPlaylist(urls.hls);
      const tail = p.split('#EXT-X-DISCONTINUITY\n')[1];
      return tail && (tail.match(/#EXTINF/g)?.length ?? 0) >= 2 ? p : undefined;
    });
    assert.equal(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1], firstSequence, 'the same presentation goes on');
    const times = [...playlist.matchAll(/Fragments\([^=]+=(\d+),/g)].map((m) => BigInt(m[1]));
    assert.ok(times.every((x, i) => i === 0 || x > times[i - 1]), 'decode times keep increasing across the reconnect');
    const r = await decodeWithFfmpeg(urls.hls, 4);
    assert.equal(r.code, 0, r.stderr);
  });
});
