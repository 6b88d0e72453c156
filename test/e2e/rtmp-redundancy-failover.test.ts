// Redundant RTMP encoders under the documented alignment rule (docs/architecture.md): two ffmpeg
// processes started together push the same pre-encoded FLV-compatible input with -c copy to the
// primary and secondary RTMP URLs, so their first timestamps match and they share one offset. A
// crashes; restarted, it resumes the live picture with timestamps from zero again, is placed at
// the live edge and snapped onto the channel's cuts; then B stops. hls.js plays throughout, and
// the archived timeline has no gap and no duplicate. Set TRIBUTARY_SKIP_BROWSER=1 to skip.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { checkDashTimelines, checkHlsPlaylist, hlsMediaPlaylists, makePreEncodedInput } from './harness/redundancy.js';
import { runFailoverScenario } from './redundancy-scenario.js';
import { fetchText, startTributary, type Tributary } from './tributary-process.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;
const INPUT_SEC = 80;

describe('redundant RTMP encoders: crash, restart, stop', { timeout: 4 * 60_000, skip }, () => {
  let t: Tributary;
  let dir: string;
  let input: string;
  let browser: Browser;
  let token: string;
  let urls: { hls: string; dash: string };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-redundancy-'));
    [input, t, browser] = await Promise.all([makePreEncodedInput(dir, INPUT_SEC), startTributary(), launchBrowser()]);
    token = (await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'red', input: { protocol: 'rtmp' } })).body.input.accessToken;
    await t.api('POST', '/channels/red/start');
    await t.api('POST', '/channels/red/programs', { name: 'show', archiveWindow: 'PT5M' });
    await t.api('POST', '/channels/red/programs/show/start');
    urls = (await t.api<{ urls: typeof urls }>('POST', '/locators', { assetName: 'show' })).body.urls;
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
    await stopAllManaged();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('each fragment kept once, no gap, a player plays on', async () => {
    const r = await runFailoverScenario(
      {
        t, channel: 'red', browser, input, format: 'flv', keepTimestamps: false, hlsUrl: urls.hls, trackCount: 2, inputSec: INPUT_SEC,
        primaryUrl: `${t.rtmpPrimary}/live/${token}/cam`,
        secondaryUrl: `${t.rtmpSecondary}/live/${token}/cam`,
      },
      (line) => console.log(line),
    );
    const summary = JSON.stringify({ seed: r.seed, moments: r.moments, tracks: r.status.tracks, encoders: r.status.encoders, bothAgain: r.statusBothAgain.encoders });
    console.log(summary);

    assert.ok(r.play.ok, `the player did not play through: ${r.play.problems.join('; ')}\n${summary}`);
    for (const track of r.status.tracks) {
      assert.equal(track.discontinuities, 0, `${track.id} has a discontinuity\n${summary}`);
      assert.ok(track.duplicatesDropped >= 2, `${track.id}: duplicates dropped ${track.duplicatesDropped}\n${summary}`);
    }
    // The restarted A, its timestamps from zero again, was snapped onto B's cuts.
    const both = r.statusBothAgain.encoders.filter((e) => e.connected);
    assert.equal(both.length, 2, summary);
    assert.ok(both.every((e) => e.aligned === true), `the restarted encoder is not aligned\n${summary}`);
    assert.ok(r.status.encoders.some((e) => e.duplicatesDropped > 0), summary);

    const mpd = (await fetchText(urls.dash)).text;
    for (const c of checkDashTimelines(mpd)) {
      assert.equal(c.runs, 1, `${c.representation}: ${c.runs} runs (a gap)\n${mpd}`);
      assert.deepEqual(c.notIncreasing, [], `${c.representation}: times not increasing\n${mpd}`);
    }
    for (const p of await hlsMediaPlaylists(urls.hls)) assert.deepEqual(checkHlsPlaylist(p.text), [], `${p.uri}\n${p.text}`);
  });
});
