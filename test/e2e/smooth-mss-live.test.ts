// Regression: dash.js with its MSS support playing a YOUNG live Smooth presentation of three
// qualities from the real server, with an early forced quality switch. dash.js grows its
// timeline only from tfrf entry[0] (MssFragmentMoofProcessor processTfrf) and never re-reads a
// live manifest, so a fragment served with an empty tfrf ends its timeline for good. The burst of
// downloads after a switch, with the player close to the edge of a ~10 s old stream, reached the
// newest fragment and got exactly that: video stopped being appended and playback stalled. The
// origin now holds the newest fragment until a successor exists (smooth-successor-hold.ts).
// Loopback only; about 60 s. Set TRIBUTARY_SKIP_BROWSER=1 to skip.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { publishRtmpLadder, type FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, launchBrowser, playInBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { startRecordedChannel, startTributary, type Tributary } from './tributary-process.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;
/** How old the stream is when the player starts: few fragments listed, the player near the edge. */
const STREAM_AGE_MS = 10_000;

describe('dash.js MSS plays a young live three-quality Smooth presentation across a quality switch', { timeout: 3 * 60_000 }, () => {
  let t: Tributary;
  let smoothUrl: string;
  let ladder: FfmpegProcess;
  let browser: Browser | undefined;

  before(async () => {
    t = await startTributary();
    const { token, urls } = await startRecordedChannel(t, { channel: 'mss' });
    smoothUrl = urls.smooth;
    ladder = publishRtmpLadder({ urlFor: (name) => `${t.rtmpPrimary}/live/${token}/video${name}`, durationSec: 120 });
    await new Promise((resolve) => setTimeout(resolve, STREAM_AGE_MS));
  });

  after(async () => {
    await browser?.close();
    await ladder?.stop(3000);
    await t?.stop();
    await stopAllManaged();
  });

  test('the switch lands and video keeps being appended for at least 15 s', { skip }, async () => {
    browser ??= await launchBrowser();
    const report = await playInBrowser({
      browser,
      player: 'dash.js-mss',
      url: smoothUrl,
      utcTimingUrl: `${t.httpBase}/time`,
      seconds: 22,
      forceLevel: true,
      minAdvanceSeconds: 15,
    });
    assert.ok(report.ok, describeReport(report));
    assert.ok(report.levelSwitched, `no level switch seen: ${describeReport(report)}`);
    // The stall showed as video buffered to a fixed end while audio kept currentTime going:
    // the video buffer must keep growing to the end of the watch.
    const last = report.samples[report.samples.length - 1];
    assert.ok(last.bufferedEnd > last.currentTime, `video not buffered ahead at the end: ${JSON.stringify(report.samples.slice(-5))}`);
    const ends = report.samples.map((s) => s.bufferedEnd);
    assert.ok(Math.max(...ends) - ends.find((e) => e > 0)! >= 12, `the buffered end hardly grew: ${JSON.stringify(ends)}`);
  });
});
