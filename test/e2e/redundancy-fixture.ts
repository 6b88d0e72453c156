// What both redundancy tests share around the failover scenario: a channel with a running
// program and a locator, the pre-encoded input, a browser; and the checks that the archived
// timeline came through unbroken (no gap, no duplicate, copies dropped and reported).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness/players.js';
import { stopAllManaged } from './harness/process.js';
import { checkDashTimelines, checkHlsPlaylist, hlsMediaPlaylists, makePreEncodedInput } from './harness/redundancy.js';
import type { ScenarioResult } from './redundancy-scenario.js';
import { fetchText, startTributary, type Tributary } from './tributary-process.js';

export const INPUT_SEC = 80;

export interface RedundancyFixture {
  t: Tributary;
  dir: string;
  input: string;
  browser: Browser;
  token: string;
  urls: { hls: string; dash: string };
}

/** Channel `red` with program `show` running and a locator on it. */
export async function setUpRedundancy(protocol: 'rtmp' | 'fmp4'): Promise<RedundancyFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-redundancy-'));
  const [input, t, browser] = await Promise.all([makePreEncodedInput(dir, INPUT_SEC), startTributary(), launchBrowser()]);
  const token = (await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'red', input: { protocol } })).body.input.accessToken;
  await t.api('POST', '/channels/red/start');
  await t.api('POST', '/channels/red/programs', { name: 'show', archiveWindow: 'PT5M' });
  await t.api('POST', '/channels/red/programs/show/start');
  const urls = (await t.api<{ urls: RedundancyFixture['urls'] }>('POST', '/locators', { assetName: 'show' })).body.urls;
  return { t, dir, input, browser, token, urls };
}

export async function tearDownRedundancy(f: RedundancyFixture | undefined): Promise<void> {
  await f?.browser.close();
  await f?.t.stop();
  await stopAllManaged();
  if (f) await rm(f.dir, { recursive: true, force: true });
}

export function summarize(r: ScenarioResult): string {
  return JSON.stringify({ seed: r.seed, moments: r.moments, tracks: r.status.tracks, encoders: r.status.encoders, bothAgain: r.statusBothAgain.encoders });
}

/** The player played through; every track kept each fragment once with no gap, as served. */
export async function assertUnbrokenTimeline(f: RedundancyFixture, r: ScenarioResult, summary: string): Promise<void> {
  assert.ok(r.play.ok, `the player did not play through: ${r.play.problems.join('; ')}\n${summary}`);
  for (const track of r.status.tracks) {
    assert.equal(track.discontinuities, 0, `${track.id} has a discontinuity\n${summary}`);
    assert.ok(track.duplicatesDropped >= 2, `${track.id}: duplicates dropped ${track.duplicatesDropped}\n${summary}`);
  }
  assert.ok(r.status.encoders.some((e) => e.duplicatesDropped > 0), summary);
  const mpd = (await fetchText(f.urls.dash)).text;
  for (const c of checkDashTimelines(mpd)) {
    assert.equal(c.runs, 1, `${c.representation}: ${c.runs} runs (a gap)\n${mpd}`);
    assert.deepEqual(c.notIncreasing, [], `${c.representation}: times not increasing\n${mpd}`);
  }
  for (const p of await hlsMediaPlaylists(f.urls.hls)) assert.deepEqual(checkHlsPlaylist(p.text), [], `${p.uri}\n${p.text}`);
}
