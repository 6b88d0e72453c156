// Redundant Smooth encoders (issue 4): two ffmpeg ismv muxers push the same pre-encoded input
// with -c copy to the primary and secondary ingest URLs, so both carry identical tfxd times and
// key frames. A crashes, restarts on the same clock, then B stops; hls.js plays throughout, and
// the archived timeline has no gap and no duplicate. Set TRIBUTARY_SKIP_BROWSER=1 to skip.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertUnbrokenTimeline, INPUT_SEC, setUpRedundancy, summarize, tearDownRedundancy, type RedundancyFixture } from './redundancy-fixture.js';
import { runFailoverScenario } from './redundancy-scenario.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;

describe('redundant Smooth encoders', { timeout: 4 * 60_000, skip }, () => {
  let f: RedundancyFixture;

  before(async () => {
    f = await setUpRedundancy('fmp4');
  });

  after(() => tearDownRedundancy(f));

  test('crash, restart, stop: each fragment kept once, no gap, a player plays on', async () => {
    const base = `${f.t.httpBase}/ingest/red/${f.token}`;
    const r = await runFailoverScenario(
      {
        t: f.t, channel: 'red', browser: f.browser, input: f.input, format: 'ismv', keepTimestamps: true, hlsUrl: f.urls.hls, trackCount: 3, inputSec: INPUT_SEC,
        primaryUrl: `${base}/ingest.isml/Streams(cam)`,
        secondaryUrl: `${base}/ingest-secondary.isml/Streams(cam)`,
      },
      (line) => console.log(line),
    );
    const summary = summarize(r);
    console.log(summary);

    await assertUnbrokenTimeline(f, r, summary);
    const both = r.statusBothAgain.encoders.filter((e) => e.connected);
    assert.equal(both.length, 2, summary);
    // The restarted A was placed on the same clock as B: their offsets agree.
    assert.equal(both[0].offsetMs, both[1].offsetMs, `the restarted encoder was not placed on the shared clock\n${summary}`);
  });
});
