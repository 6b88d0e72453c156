// A program's life as a viewer sees it (issue 5): real ffmpeg publishes a 3-rendition ladder,
// players seek back into the program's DVR window while it is live, then the program stops and
// the same locator URLs play the asset on demand from its start to its end (ffmpeg and hls.js),
// the asset's own files on disk are readable by ffmpeg, and deleting the asset deletes its media.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { decodeWithFfmpeg, ffprobeJson, publishRtmpLadder, type FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type LocatorUrls, type Tributary } from './tributary-process.js';

const skipBrowser = process.env.TRIBUTARY_SKIP_BROWSER === '1';
/** Seconds of media the encoder sends: long enough for a DVR window worth seeking in. */
const PUBLISH_SEC = 40;
const SEGMENT_SEC = 2;

/** Sum of the EXTINF durations of a media playlist, and its segment URIs. */
function playlistFacts(text: string): { seconds: number; segments: string[]; mediaSequence: number } {
  const seconds = [...text.matchAll(/#EXTINF:([\d.]+),/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const segments = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  return { seconds, segments, mediaSequence: Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1]) };
}

/** The first video variant's media playlist URL of a multivariant playlist. */
async function videoPlaylistUrl(multivariant: string): Promise<string> {
  const text = (await fetchText(multivariant)).text;
  const lines = text.split('\n');
  const uri = lines.find((l, i) => i > 0 && !l.startsWith('#') && l !== '' && lines[i - 1].includes('RESOLUTION='));
  assert.ok(uri, text);
  return new URL(uri, multivariant).href;
}

describe('a program: DVR while live, on demand after stop, at the same URLs', { timeout: 6 * 60_000 }, () => {
  let t: Tributary;
  let urls: LocatorUrls;
  let locatorId: string;
  let ladder: FfmpegProcess;
  let browser: Browser | undefined;

  before(async () => {
    t = await startTributary();
    const recorded = await startRecordedChannel(t, { channel: 'ev', archiveWindow: 'PT5M' });
    ({ urls, locatorId } = recorded);
    const token = recorded.token;
    ladder = publishRtmpLadder({ urlFor: (name) => `${t.rtmpPrimary}/live/${token}/cam${name}`, durationSec: PUBLISH_SEC });
  });

  after(async () => {
    await browser?.close();
    await ladder?.stop(3000);
    await t?.stop();
    await stopAllManaged();
  });

  test('while live: the playlist slides on a 5-minute window and players seek back into it', { skip: skipBrowser }, async (ctx) => {
    // Ready when the window holds 8 segments (16 s) of every rendition.
    const videoPlaylist = await waitFor('16 s in the DVR window', 60_000, async () => {
      const master = await fetchText(urls.hlsCmaf);
      if (master.status !== 200) return undefined;
      const playlist = await videoPlaylistUrl(urls.hlsCmaf);
      return playlistFacts((await fetchText(playlist)).text).segments.length >= 8 ? playlist : undefined;
    });
    const live = (await fetchText(videoPlaylist)).text;
    assert.doesNotMatch(live, /#EXT-X-ENDLIST|#EXT-X-PLAYLIST-TYPE/, 'a live playlist');
    assert.equal(playlistFacts(live).mediaSequence, 0, 'nothing has left a 5-minute window yet');
    const mpd = (await fetchText(urls.dash)).text;
    assert.match(mpd, /type="dynamic"/);
    assert.match(mpd, /timeShiftBufferDepth="PT300S"/);
    assert.match((await fetchText(urls.smooth)).text, /IsLive="TRUE"[^>]*DVRWindowLength="3000000000"|DVRWindowLength="3000000000"[^>]*IsLive="TRUE"/);

    browser ??= await launchBrowser();
    for (const [player, url] of [['hls.js', urls.hlsCmaf], ['dash.js', urls.dash]] as const) {
      // Two seconds into the window: far behind the live edge, which goes on moving.
      const report = await playInBrowser({
        browser, player, url, seconds: 8, minAdvanceSeconds: 3,
        utcTimingUrl: `${t.httpBase}/time`,
        seekTo: (seekable) => seekable.start + 2,
      });
      ctx.diagnostic(describeReport(report));
      assert.ok(report.ok, describeReport(report));
      assert.ok(report.seekable && report.seekedTo !== null, describeReport(report));
      assert.ok(report.seekable.end - report.seekable.start >= 12, `a DVR window of ${report.seekable.end - report.seekable.start} s: ${describeReport(report)}`);
      // It played from the seek target, not from the live edge it started at.
      assert.ok(report.currentTimeEnd >= report.seekedTo + 3 && report.currentTimeEnd <= report.seekedTo + 12, describeReport(report));
      assert.ok(report.seekable.end - report.currentTimeEnd >= 6, `still well behind the live edge: ${describeReport(report)}`);
    }
  });

  test('after stop: the same URLs are on demand (ENDLIST + VOD, static MPD, IsLive FALSE)', async () => {
    await ladder.exited;
    // The encoder's last fragment is listed once the channel has it; then stop the program.
    await waitFor('the encoder to finish and its fragments to be listed', 30_000, async () => {
      const s = await t.api<{ encoders: { connected: boolean }[] }>('GET', '/channels/ev/ingest');
      return s.body.encoders.every((e) => !e.connected) ? true : undefined;
    });
    assert.equal((await t.api('POST', '/channels/ev/programs/show/stop')).status, 200);
    const asset = await t.api<{ state: string; durationMs: number }>('GET', '/assets/show');
    assert.equal(asset.body.state, 'ready', JSON.stringify(asset.body));

    for (const url of [urls.hls, urls.hlsCmaf]) {
      const playlist = (await fetchText(await videoPlaylistUrl(url))).text;
      assert.match(playlist, /#EXT-X-PLAYLIST-TYPE:VOD\n/);
      assert.match(playlist, /#EXT-X-ENDLIST\n$/);
      const facts = playlistFacts(playlist);
      assert.equal(facts.mediaSequence, 0);
      // The program ran before the encoder started and stopped after it ended: everything it sent
      // is there, less at most the fragment in flight at each end (the first key frame, the last cut).
      assert.ok(facts.seconds >= PUBLISH_SEC - 2 * SEGMENT_SEC && facts.seconds <= PUBLISH_SEC + SEGMENT_SEC, `${facts.seconds} s on demand of ${PUBLISH_SEC} s published`);
    }
    const mpd = (await fetchText(urls.dash)).text;
    assert.match(mpd, /type="static"/);
    assert.match(mpd, /mediaPresentationDuration="PT\d+(\.\d+)?S"/);
    assert.doesNotMatch(mpd, /timeShiftBufferDepth|minimumUpdatePeriod/);
    assert.match((await fetchText(urls.smooth)).text, /IsLive="FALSE"/);
  });

  test('ffmpeg reads the asset on demand from start to end: HLS (TS and fMP4) and DASH', async () => {
    const expected = playlistFacts((await fetchText(await videoPlaylistUrl(urls.hlsCmaf))).text).seconds;
    for (const url of [urls.hls, urls.hlsCmaf, urls.dash]) {
      const probe = (await ffprobeJson(url, ['-show_format'])) as { format: { duration: string } };
      assert.ok(Math.abs(Number(probe.format.duration) - expected) <= SEGMENT_SEC, `${url}: ffprobe duration ${probe.format.duration} s, listed ${expected} s`);
      // The whole asset decoded without an error (-xerror): the -t bound is past its end.
      const r = await decodeWithFfmpeg(url, PUBLISH_SEC * 2, { timeoutMs: 120_000 });
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), '');
    }
  });

  test('hls.js plays the asset on demand from its start to its end', { skip: skipBrowser }, async (ctx) => {
    browser ??= await launchBrowser();
    // Four times real time: the whole asset in about a quarter of its length.
    const report = await playInBrowser({ browser, player: 'hls.js', url: urls.hlsCmaf, seconds: PUBLISH_SEC, playbackRate: 4, untilEnded: true, minAdvanceSeconds: PUBLISH_SEC - 3 * SEGMENT_SEC });
    ctx.diagnostic(describeReport(report));
    assert.ok(report.ok, describeReport(report));
    assert.ok(report.ended, `playback reached the end: ${describeReport(report)}`);
    assert.ok(report.currentTimeStart < SEGMENT_SEC, `it started at the asset's start: ${describeReport(report)}`);
    assert.ok(report.duration !== null && Math.abs(report.currentTimeEnd - report.duration) < 0.5, describeReport(report));
    assert.deepEqual(report.fatalErrors, []);
  });

  test('the asset on disk: ffmpeg reads a track\'s index.m3u8 directly', async () => {
    const assetDir = join(t.dataDir, 'media', 'asset-show');
    const tracks = readdirSync(assetDir).filter((n) => n.startsWith('video_'));
    assert.equal(tracks.length, 3, readdirSync(assetDir).join(' '));
    const index = join(assetDir, tracks[0], 'index.m3u8');
    const probe = (await ffprobeJson(index, ['-show_format', '-show_streams'])) as { format: { duration: string }; streams: { codec_name: string }[] };
    assert.deepEqual(probe.streams.map((s) => s.codec_name), ['h264']);
    assert.ok(Number(probe.format.duration) >= PUBLISH_SEC - 2 * SEGMENT_SEC, probe.format.duration);
    const r = await decodeWithFfmpeg(index, PUBLISH_SEC * 2, { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
  });

  test('deleting the asset deletes its locator and its media', async () => {
    const assetDir = join(t.dataDir, 'media', 'asset-show');
    assert.ok(existsSync(assetDir));
    assert.equal((await t.api('DELETE', '/assets/show')).status, 204);
    assert.ok(!existsSync(assetDir), 'the asset directory is gone');
    assert.equal((await t.api('GET', `/locators/${locatorId}`)).status, 404);
    assert.equal((await fetchText(urls.hlsCmaf)).status, 404);
  });
});
