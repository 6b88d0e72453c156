// The first vertical slice as a broadcaster and viewers use it: a channel and a program created
// through the API, one real ffmpeg publishing three renditions with aligned 2 s GOPs over RTMP,
// and the live HLS (MPEG-TS and fMP4) and DASH presentations decoded by ffmpeg and played by
// hls.js, dash.js and Shaka Player in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { decodeWithFfmpeg, publishRtmpLadder, type FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser, type PlayerName } from './harness/players.js';
import * as HLS from 'hls-parser';
import { strictHlsParse } from '../golden/manifest-checks.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type Tributary } from './tributary-process.js';

const skipBrowser = process.env.TRIBUTARY_SKIP_BROWSER === '1';

interface Urls {
  hls: string;
  hlsV3: string;
  hlsCmaf: string;
  dash: string;
  smooth: string;
}

describe('RTMP ladder to live HLS and DASH', { timeout: 12 * 60_000 }, () => {
  let t: Tributary;
  let urls: Urls;
  let ladder: FfmpegProcess;
  let browser: Browser | undefined;

  before(async () => {
    t = await startTributary();
    const recorded = await startRecordedChannel(t, { channel: 'ch1' });
    urls = recorded.urls;
    const token = recorded.token;
    ladder = publishRtmpLadder({ urlFor: (name) => `${t.rtmpPrimary}/live/${token}/video${name}`, durationSec: 300 });
    // Ready when every rendition has three segments listed.
    await waitFor('three renditions with three segments each', 60_000, async () => {
      const master = await fetchText(urls.hlsCmaf);
      if (master.status !== 200) return undefined;
      const variants = master.text.split('\n').filter((l) => l.startsWith('QualityLevels('));
      if (variants.length < 3) return undefined;
      for (const v of variants) {
        const media = await fetchText(new URL(v, urls.hlsCmaf).href);
        if ((media.text.match(/#EXTINF/g) ?? []).length < 3) return undefined;
      }
      return true;
    });
  });

  after(async () => {
    await browser?.close();
    await ladder?.stop(3000);
    await t?.stop();
    await stopAllManaged();
  });

  test('the multivariant playlists describe each rendition from its SPS and AudioSpecificConfig', async () => {
    for (const url of [urls.hls, urls.hlsCmaf]) {
      const master = await fetchText(url);
      assert.equal(master.status, 200);
      assert.equal(master.headers.get('content-type'), 'application/vnd.apple.mpegurl');
      const infs = master.text.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:') && l.includes('RESOLUTION'));
      const resolutions = infs.map((l) => /RESOLUTION=(\d+x\d+)/.exec(l)?.[1]).sort();
      assert.deepEqual(resolutions, ['1280x720', '640x360', '854x480']);
      for (const l of infs) {
        assert.match(l, /BANDWIDTH=\d{5,}/);
        // Profile and level bytes from the SPS (x264 ultrafast is Constrained Baseline), AAC-LC from the ASC.
        assert.match(l, /CODECS="avc1\.(42c0|4d40|6400)[0-9a-f]{2},mp4a\.40\.2"/);
        assert.match(l, /FRAME-RATE=30\.000/);
      }
      // Apple's cellular rule, as Azure did: an audio-only variant unless `audio-only=false`.
      const audioOnly = (text: string) => text.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:') && /CODECS="mp4a[^,"]*"/.test(l));
      assert.ok(audioOnly(master.text).length >= 1, master.text);
      const without = await fetchText(url.replace(/\)$/, ',audio-only=false)'));
      assert.equal(without.status, 200);
      assert.deepEqual(audioOnly(without.text), []);
      assert.equal(without.text.split('\n').filter((l) => l.includes('RESOLUTION')).length, 3);
    }
  });

  test('segments of every rendition line up: same media sequence, same durations, same DASH times', async () => {
    const master = await fetchText(urls.hlsCmaf);
    const variants = videoVariants(master.text);
    const playlists = await Promise.all(variants.map(async (v) => (await fetchText(new URL(v, urls.hlsCmaf).href)).text));
    const seqs = playlists.map((p) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(p)?.[1]));
    const firstTimes = playlists.map((p) => /Fragments\(video[^=]*=(\d+)/.exec(p)?.[1]);
    // Playlists fetched one after the other may differ by a newly listed segment at the end only.
    assert.equal(new Set(seqs).size, 1, `media sequences ${seqs}`);
    assert.equal(new Set(firstTimes).size, 1, `first segment times ${firstTimes}`);
    const mpd = (await fetchText(urls.dash)).text;
    assert.match(mpd, /type="dynamic"/);
    assert.match(mpd, /<UTCTiming /);
    const videoTimelines = [...mpd.matchAll(/<Representation id="video[^"]*"[\s\S]*?<SegmentTimeline>([\s\S]*?)<\/SegmentTimeline>/g)].map((m) => /<S t="(\d+)"/.exec(m[1])?.[1]);
    assert.equal(videoTimelines.length, 3);
    assert.equal(new Set(videoTimelines).size, 1, `first S@t per representation: ${videoTimelines}`);
  });

  test('HLS v3 (m3u8-aapl-v3) passes hls-parser strict mode, with whole-second durations', async () => {
    const master = (await fetchText(urls.hlsV3)).text;
    assert.ok(strictHlsParse(master).isMasterPlaylist);
    const variants = master.split('\n').filter((l) => l.startsWith('QualityLevels('));
    assert.equal(videoVariants(master).length, 3, master);
    for (const v of variants) {
      const media = (await fetchText(new URL(v, urls.hlsV3).href)).text;
      const parsed = strictHlsParse(media);
      assert.ok(parsed instanceof HLS.types.MediaPlaylist && parsed.version === 3 && parsed.segments.length >= 3, media);
      assert.ok(parsed.segments.every((seg) => Number.isInteger(seg.duration) && seg.uri.endsWith('.ts')), media);
    }
  });

  for (const [name, key] of [
    ['HLS with MPEG-TS segments', 'hls'],
    ['HLS with fMP4 segments', 'hlsCmaf'],
    ['DASH', 'dash'],
  ] as const) {
    test(`ffmpeg decodes the live ${name} without an error`, async () => {
      const r = await decodeWithFfmpeg(urls[key], 8);
      assert.equal(r.code, 0, `ffmpeg exited ${r.code}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), '');
    });
  }

  const plays: Array<[PlayerName, keyof Urls, boolean]> = [
    ['hls.js', 'hls', true],
    ['hls.js', 'hlsCmaf', true],
    ['hls.js', 'hlsV3', false],
    ['dash.js', 'dash', false],
    ['shaka', 'dash', false],
    ['shaka', 'hlsCmaf', false],
  ];
  // Each player is watched for 10 s of real time (8 s when no level switch is forced) and must
  // show steady progress (at least half of it in currentTime) with no fatal error: a margin for a
  // loaded 2-core machine, not a speed test.
  for (const [player, key, forceLevel] of plays) {
    const seconds = forceLevel ? 10 : 8;
    test(`${player} plays ${key} live for ${seconds} s${forceLevel ? ' and switches level when forced' : ''}`, { skip: skipBrowser }, async () => {
      browser ??= await launchBrowser();
      const report = await playInBrowser({ browser, player, url: urls[key], seconds, forceLevel, minAdvanceSeconds: seconds / 2 });
      assert.ok(report.ok, describeReport(report));
      assert.deepEqual(report.fatalErrors, []);
      assert.ok(report.advancedSeconds >= seconds / 2, describeReport(report));
      if (forceLevel) assert.ok(report.levelSwitched, `no level switch seen: ${describeReport(report)}`);
    });
  }

  test('the time from a fragment arriving to its listing is measured and reported', async (ctx) => {
    const status = await t.api<{ listingDelayMs: { count: number; p50: number; p99: number; max: number } }>('GET', '/channels/ch1/ingest');
    assert.equal(status.status, 200);
    const d = status.body.listingDelayMs;
    assert.ok(d.count > 10, JSON.stringify(status.body));
    ctx.diagnostic(`listing delay over ${d.count} fragments: p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms`);
  });
});

/** The URIs of the variants with video (their EXT-X-STREAM-INF has a RESOLUTION). */
function videoVariants(multivariant: string): string[] {
  const lines = multivariant.split('\n');
  return lines.filter((l, i) => i > 0 && !l.startsWith('#') && l !== '' && lines[i - 1].includes('RESOLUTION='));
}
