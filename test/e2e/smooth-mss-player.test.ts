// Real-player check of the Smooth packagers without the origin: real x264/AAC samples are cut
// into 2 s CMAF fragments (as the store holds them), a tiny loopback server answers the Smooth
// URLs with renderSmoothManifest / resolveSmoothFragment / smoothFragment, and dash.js with its
// MSS support plays them in headless Chromium: once on demand (IsLive FALSE) and once live,
// where the server reveals one more fragment every 2 s and dash.js must follow through tfrf.
// Set TRIBUTARY_SKIP_BROWSER=1 to skip (e.g. on a machine without Chromium).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeFragment } from '../../src/formats/mp4/fragment-writer.js';
import { generateTestMedia } from '../../src/formats/mp4/test-media.js';
import type { Presentation, PresentationTrack } from '../../src/model/presentation.js';
import type { Sample } from '../../src/model/sample.js';
import type { TimelineEntry } from '../../src/model/timeline.js';
import type { Track } from '../../src/model/track.js';
import { parsePlaybackPath } from '../../src/packaging/playback-path.js';
import { resolveSmoothFragment } from '../../src/packaging/smooth/resolve-smooth-fragment.js';
import { smoothFragment } from '../../src/packaging/smooth/smooth-fragment.js';
import { renderSmoothManifest } from '../../src/packaging/smooth/smooth-manifest.js';
import { describeReport, launchBrowser, playInBrowser } from './harness/players.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;

const FPS = 30;
const FRAGMENT_SEC = 2;
const FRAGMENTS = 20;
/** Media time of the first fragment: not 0, so dash.js's on-demand timestampOffset path is exercised. */
const START_SEC = 10;
/** Live: fragments stored when the player starts, and one more every FRAGMENT_SEC after that. */
const LIVE_INITIAL = 6;

interface Stored {
  presentation: Presentation;
  /** CMAF bytes by `${trackId}/${decodeTime}`. */
  fragments: Map<string, Uint8Array>;
}

/** Cuts samples into fragments at the given sample indexes, as the live ingest stores them. */
function storeTrack(track: Track, samples: Sample[], cuts: number[], firstTime: bigint, fragments: Map<string, Uint8Array>): PresentationTrack {
  const entries: TimelineEntry[] = [];
  let time = firstTime;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const part = samples.slice(cuts[k], cuts[k + 1]);
    const cmaf = writeFragment({ sequenceNumber: k + 1, decodeTime: time, samples: part, trackType: track.type });
    const duration = part.reduce((n, s) => n + s.duration, 0);
    fragments.set(`${track.id}/${time}`, cmaf);
    entries.push({ decodeTime: time, duration, sequence: k + 1, trackVersion: track.version, discontinuity: false, byteLength: cmaf.length });
    time += BigInt(duration);
  }
  return { track, versions: new Map([[track.version, track]]), entries, discontinuitySequence: 0 };
}

function buildContent(): Stored {
  const media = generateTestMedia({ width: 640, height: 360, fps: FPS, frames: FPS * FRAGMENT_SEC * FRAGMENTS, gop: FPS * FRAGMENT_SEC });
  const fragments = new Map<string, Uint8Array>();
  const videoCuts = Array.from({ length: FRAGMENTS + 1 }, (_, k) => k * FPS * FRAGMENT_SEC);
  // Audio is cut at the first frame starting at or after each video cut (1024-sample frames).
  const rate = media.audioTrack.timescale;
  const audioCuts = Array.from({ length: FRAGMENTS + 1 }, (_, k) => Math.min(media.audioSamples.length, Math.ceil((k * FRAGMENT_SEC * rate) / 1024)));
  const video = storeTrack(media.videoTrack, media.videoSamples, videoCuts, BigInt(START_SEC * media.videoTrack.timescale), fragments);
  // Each audio cut keeps its own phase against the video: start the audio where its first frame lands.
  const audio = storeTrack(media.audioTrack, media.audioSamples, audioCuts, BigInt(START_SEC * rate), fragments);
  const presentation: Presentation = {
    availabilityStartTime: Date.now() - START_SEC * 1000,
    targetSegmentMs: FRAGMENT_SEC * 1000,
    dvrWindowMs: undefined,
    ended: true,
    snapshotTime: Date.now(),
    version: 1,
    tracks: [video, audio],
  };
  return { presentation, fragments };
}

/** The same content as a live channel that has stored only its first `count` fragments. */
function liveView(p: Presentation, count: number): Presentation {
  return { ...p, ended: false, tracks: p.tracks.map((t) => ({ ...t, entries: t.entries.slice(0, count) })) };
}

interface SmoothServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * What the origin will do below `{locator}/{name}.ism/`: the manifest, and fragments resolved
 * by (bitrate, StreamIndex name, 10 MHz time). `FragmentInfo(…)` (dash.js after a live pause or
 * seek) is answered with the moof alone.
 */
async function startSmoothServer(stored: Stored, current: () => Presentation): Promise<SmoothServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const send = (status: number, type: string, body: string | Uint8Array) => {
      requests.push(`${status} ${path}`);
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    if (path === '/time') return send(200, 'text/plain', new Date().toISOString());
    const m = /^\/loc\/stream\.ism\/(.*)$/.exec(path);
    if (!m) return send(404, 'text/plain', 'not found');
    const info = m[1].includes('/FragmentInfo(');
    const parsed = parsePlaybackPath(m[1].replace('/FragmentInfo(', '/Fragments('));
    if (!parsed.ok || parsed.request.options.format !== 'smooth') return send(404, 'text/plain', parsed.ok ? 'not smooth' : parsed.reason);
    const p = current();
    const r = parsed.request;
    if (r.kind === 'manifest') return send(200, 'text/xml; charset=utf-8', renderSmoothManifest(p));
    if (r.kind !== 'segment') return send(404, 'text/plain', 'no such Smooth resource');
    const target = resolveSmoothFragment(p, r.bitrate, r.trackId, r.decodeTime);
    const cmaf = target && stored.fragments.get(`${target.presentationTrack.track.id}/${target.decodeTime}`);
    if (!target || !cmaf) return send(404, 'text/plain', 'no such fragment');
    // tfrf also after the end: a live player crossing into the ended program still needs one
    // (MSS_NO_TFRF), and dash.js ignores it on demand (MS-SSTR §2.2.4.5: SHOULD be ignored).
    const body = smoothFragment({ ...target, cmaf, moofOnly: info });
    send(200, 'video/mp4', body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** e.g. "played 10.0–18.0 s; 200 ×31, 404 ×0, manifest ×1, FragmentInfo ×0". */
function summary(report: { currentTimeStart: number; currentTimeEnd: number }, requests: string[]): string {
  const count = (re: RegExp) => requests.filter((r) => re.test(r)).length;
  return `played ${report.currentTimeStart.toFixed(1)}–${report.currentTimeEnd.toFixed(1)} s; 200 ×${count(/^200 /)}, 404 ×${count(/^404 /)}, ` +
    `manifest ×${count(/\/manifest$/)}, FragmentInfo ×${count(/FragmentInfo\(/)}`;
}

describe('dash.js MSS plays the Smooth packagers’ output', { skip, timeout: 180_000 }, () => {
  let stored: Stored;
  let browser: Browser;

  before(async () => {
    stored = buildContent();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
  });

  test('on demand (IsLive FALSE): decodes video and audio from the first fragment on', async () => {
    const server = await startSmoothServer(stored, () => stored.presentation);
    try {
      const report = await playInBrowser({ browser, player: 'dash.js-mss', url: `${server.url}/loc/stream.ism/manifest`, seconds: 8, utcTimingUrl: `${server.url}/time` });
      console.log(`${describeReport(report)}\n  ${summary(report, server.requests)}`);
      assert.ok(report.ok, `${describeReport(report)}\n${server.requests.slice(-20).join('\n')}`);
      assert.ok(report.totalVideoFrames > 150, `only ${report.totalVideoFrames} frames decoded`);
      assert.equal(report.videoWidth, 640);
      assert.ok(report.currentTimeStart < FRAGMENT_SEC * 2, `playback started at ${report.currentTimeStart}, not at the start`);
      assert.ok(server.requests.some((r) => /^200 .*QualityLevels\(128000\)\/Fragments\(audio=/.test(r)), 'audio fragments were fetched');
    } finally {
      await server.close();
    }
  });

  test('live (IsLive TRUE): follows the timeline through tfrf as the server adds a fragment every 2 s', async () => {
    const startedAt = Date.now();
    const visible = () => Math.min(FRAGMENTS, LIVE_INITIAL + Math.floor((Date.now() - startedAt) / (FRAGMENT_SEC * 1000)));
    const server = await startSmoothServer(stored, () => liveView(stored.presentation, visible()));
    try {
      const report = await playInBrowser({ browser, player: 'dash.js-mss', url: `${server.url}/loc/stream.ism/manifest`, seconds: 12, minAdvanceSeconds: 9, utcTimingUrl: `${server.url}/time` });
      console.log(`${describeReport(report)}\n  ${summary(report, server.requests)}`);
      assert.ok(report.ok, `${describeReport(report)}\n${server.requests.slice(-20).join('\n')}`);
      // The manifest listed LIVE_INITIAL − 2 fragments; playing past them proves tfrf was followed.
      const listedEnd = START_SEC + (LIVE_INITIAL - 2) * FRAGMENT_SEC;
      assert.ok(report.currentTimeEnd > listedEnd + FRAGMENT_SEC, `stopped at ${report.currentTimeEnd.toFixed(2)} s; the first manifest ended at ${listedEnd} s`);
      const manifestLoads = server.requests.filter((r) => r.endsWith('/manifest')).length;
      assert.ok(manifestLoads <= 2, `dash.js reloaded the live manifest ${manifestLoads} times`);
    } finally {
      await server.close();
    }
  });
});
