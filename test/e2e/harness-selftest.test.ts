// Proves the real-client harness without our origin: ffmpeg's own HLS (TS and fMP4) and DASH
// muxers write live streams into a temp directory, our static server serves them with CORS on a
// different origin than the player page, and hls.js, dash.js and Shaka must each play them.
// Set TRIBUTARY_SKIP_BROWSER=1 to skip (e.g. on a machine without Chromium).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { decodeWithFfmpeg, ffprobeJson } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser, type PlayOptions, type PlayReport } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { writeReferenceLiveDash, writeReferenceLiveHls, type ReferenceLive } from './harness/reference-live.js';
import { isoTimeRoute, startStaticServer, type StaticServer } from './harness/static-server.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;

/** Long enough for every player below to run one after another, short enough to end on its own. */
const CONTENT_SEC = 110;
const WATCH_SEC = 8;
const MIN_ADVANCE_SEC = 5;
// ffmpeg's MPD says suggestedPresentationDelay=PT2S, which puts players so close to the edge of
// ffmpeg's late-published segments that they stall now and then; sit 6 s back instead.
const DASH_JS_SETTINGS = { streaming: { delay: { liveDelay: 6 } } };
const SHAKA_DASH_CONFIG = { manifest: { defaultPresentationDelay: 6, dash: { ignoreSuggestedPresentationDelay: true } } };

// Two players at a time halves the wall time; 360p decoding is light enough for the 2-core CI machine.
describe('e2e harness self-test against ffmpeg-made live content', { skip, timeout: 150_000, concurrency: 2 }, () => {
  let dir: string;
  let media: StaticServer;
  let browser: Browser;
  const live: Record<'ts' | 'fmp4' | 'dash', ReferenceLive | undefined> = { ts: undefined, fmp4: undefined, dash: undefined };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-harness-'));
    media = await startStaticServer({ root: dir, routes: { '/time': isoTimeRoute } });
    live.ts = writeReferenceLiveHls({ dir: join(dir, 'ts'), durationSec: CONTENT_SEC, segmentType: 'mpegts' });
    live.fmp4 = writeReferenceLiveHls({ dir: join(dir, 'fmp4'), durationSec: CONTENT_SEC, segmentType: 'fmp4' });
    live.dash = writeReferenceLiveDash({ dir: join(dir, 'dash'), durationSec: CONTENT_SEC, utcTimingUrl: media.url('/time') });
    const contentStarted = Date.now();
    browser = await launchBrowser();
    // Players start a live stream a few segments back from the edge, so let a few exist first.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, contentStarted + 7_000 - Date.now())));
    for (const [name, content] of Object.entries(live)) {
      assert.ok(content?.process.isRunning(), `ffmpeg ${name} died: ${content?.process.stderr()}`);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await stopAllManaged();
    await media?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  function url(kind: keyof typeof live): string {
    return media.url(`/${kind}/${live[kind]!.entry}`);
  }

  async function play(options: Omit<PlayOptions, 'browser' | 'seconds'>): Promise<PlayReport> {
    const report = await playInBrowser({ browser, seconds: WATCH_SEC, minAdvanceSeconds: MIN_ADVANCE_SEC, ...options });
    console.log(describeReport(report));
    if (!report.ok) console.log(`  recent media requests:\n    ${media.recentRequests().slice(-20).join('\n    ')}`);
    assert.deepEqual(report.fatalErrors, [], 'no fatal errors');
    assert.ok(report.advancedSeconds >= MIN_ADVANCE_SEC, `currentTime advanced ${report.advancedSeconds} s`);
    assert.ok(report.totalVideoFrames > MIN_ADVANCE_SEC * 20, `decoded ${report.totalVideoFrames} frames`);
    assert.ok(report.ok, report.problems.join('; '));
    return report;
  }

  test('hls.js plays live HLS/TS and switches level when forced', async () => {
    const report = await play({ player: 'hls.js', url: url('ts'), forceLevel: true });
    assert.equal(report.levelCount, 2);
    assert.ok(report.levelSwitched, `levels seen ${report.levelsSeen.join(',')}`);
  });

  test('hls.js plays live HLS/fMP4', async () => {
    await play({ player: 'hls.js', url: url('fmp4') });
  });

  test('dash.js plays live DASH with a local UTC timing source and switches when forced', async () => {
    const report = await play({ player: 'dash.js', url: url('dash'), utcTimingUrl: media.url('/time'), forceLevel: true, playerConfig: DASH_JS_SETTINGS });
    assert.ok(report.liveLatency !== undefined && report.liveLatency < 30, `live latency ${report.liveLatency}`);
    assert.ok(report.levelSwitched);
  });

  test('shaka plays live DASH and switches when forced', async () => {
    const report = await play({ player: 'shaka', url: url('dash'), forceLevel: true, playerConfig: SHAKA_DASH_CONFIG });
    assert.ok(report.levelSwitched);
  });

  // Shaka's HLS paths are exercised on Tributary's own output (rtmp-live-playback: fMP4,
  // filters-languages: MPEG-TS); here one Shaka run proves the harness drives it.

  test('ffmpeg decodes the live HLS and ffprobe reads it', async () => {
    const decoded = await decodeWithFfmpeg(url('ts'), 4);
    assert.equal(decoded.code, 0, decoded.stderr);
    const probe = (await ffprobeJson(media.url('/ts/360p/index.m3u8'), ['-show_streams'])) as { streams: Array<{ codec_type: string }> };
    assert.deepEqual(probe.streams.map((s) => s.codec_type).sort(), ['audio', 'video']);
  });
});
