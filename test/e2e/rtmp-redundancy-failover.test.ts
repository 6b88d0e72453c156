// Redundant RTMP encoders under the documented alignment rule (docs/architecture.md): two ffmpeg
// processes started together push the same pre-encoded FLV-compatible input with -c copy to the
// primary and secondary RTMP URLs, so their first timestamps match and they share one offset. A
// crashes; restarted, it resumes the live picture with timestamps from zero again, is placed at
// the live edge and snapped onto the channel's cuts; then B stops. hls.js plays throughout, and
// the archived timeline has no gap and no duplicate. Set TRIBUTARY_SKIP_BROWSER=1 to skip.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertUnbrokenTimeline, INPUT_SEC, setUpRedundancy, summarize, tearDownRedundancy, type RedundancyFixture } from './redundancy-fixture.js';
import { runFailoverScenario } from './redundancy-scenario.js';

const skip = process.env.TRIBUTARY_SKIP_BROWSER === '1' ? 'TRIBUTARY_SKIP_BROWSER=1' : false;

describe('redundant RTMP encoders: crash, restart, stop', { timeout: 4 * 60_000, skip }, () => {
  let f: RedundancyFixture;

  before(async () => {
    f = await setUpRedundancy('rtmp');
  });

  after(() => tearDownRedundancy(f));

  test('each fragment kept once, no gap, a player plays on', async () => {
    const r = await runFailoverScenario(
      {
        t: f.t, channel: 'red', browser: f.browser, input: f.input, format: 'flv', keepTimestamps: false, hlsUrl: f.urls.hls, trackCount: 2, inputSec: INPUT_SEC,
        primaryUrl: `${f.t.rtmpPrimary}/live/${f.token}/cam`,
        secondaryUrl: `${f.t.rtmpSecondary}/live/${f.token}/cam`,
      },
      (line) => console.log(line),
    );
    const summary = summarize(r);
    console.log(summary);

    await assertUnbrokenTimeline(f, r, summary);
    const both = r.statusBothAgain.encoders.filter((e) => e.connected);
    assert.equal(both.length, 2, summary);
    // The restarted A, its timestamps from zero again, was snapped onto B's cuts.
    assert.ok(both.every((e) => e.aligned === true), `the restarted encoder is not aligned\n${summary}`);
  });
});
