// Two encoders publish the same stream at once, one on the primary and one on the secondary
// RTMP URL (CONTRACT §3). Each fragment is kept once; when the primary dies the backup carries
// the presentation on with no gap and no discontinuity; when the primary returns, the timeline
// does not notice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeWithFfmpeg, publishRtmpSingle, type FfmpegProcess } from './harness/ffmpeg.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

interface Encoder {
  stream: string;
  role: string;
  connected: boolean;
  aligned: boolean | null;
  duplicatesDropped: number;
}
interface Status {
  encoders: Encoder[];
  tracks: { id: string; duplicatesDropped: number; discontinuities: number; fragmentsListed: number }[];
}

/** The `t` values a DASH SegmentTimeline states explicitly: one per run of contiguous segments. */
function videoTimelineStarts(mpd: string): string[] {
  const rep = /<Representation id="video_cam"[\s\S]*?<\/Representation>/.exec(mpd)?.[0] ?? '';
  return [...rep.matchAll(/<S t="(\d+)"/g)].map((m) => m[1]);
}

describe('redundant RTMP encoders', { timeout: 4 * 60_000 }, () => {
  let t: Tributary;
  let token: string;
  let urls: { hls: string; dash: string };
  const encoders: FfmpegProcess[] = [];

  const status = async () => (await t.api<Status>('GET', '/channels/red/ingest')).body;
  const listed = async () => (await status()).tracks.find((x) => x.id === 'video_cam')?.fragmentsListed ?? 0;
  const publish = (base: string) => {
    const p = publishRtmpSingle({ url: `${base}/live/${token}/cam`, durationSec: 180 });
    encoders.push(p);
    return p;
  };

  before(async () => {
    t = await startTributary();
    token = (await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'red', input: { protocol: 'rtmp' } })).body.input.accessToken;
    await t.api('POST', '/channels/red/start');
    await t.api('POST', '/channels/red/programs', { name: 'show', archiveWindow: 'PT5M' });
    await t.api('POST', '/channels/red/programs/show/start');
    urls = (await t.api<{ urls: { hls: string; dash: string } }>('POST', '/locators', { assetName: 'show' })).body.urls;
  });

  after(async () => {
    for (const e of encoders) await e.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('both encoders are connected and every fragment is kept once', async () => {
    publish(t.rtmpPrimary);
    publish(t.rtmpSecondary);
    await waitFor('three fragments listed', 40_000, async () => ((await listed()) >= 3 ? true : undefined));
    const s = await status();
    const connected = s.encoders.filter((e) => e.connected && e.stream === 'cam');
    assert.deepEqual(connected.map((e) => e.role).sort(), ['primary', 'secondary']);
    const video = s.tracks.find((x) => x.id === 'video_cam')!;
    assert.ok(video.duplicatesDropped >= 2, JSON.stringify(s));
    assert.equal(video.discontinuities, 0);
  });

  test('the backup carries on when the primary dies: no gap, no discontinuity', async () => {
    await encoders[0].stop(0);
    const before = await listed();
    await waitFor('three more fragments from the backup alone', 40_000, async () => ((await listed()) >= before + 3 ? true : undefined));
    const mpd = (await fetchText(urls.dash)).text;
    assert.equal(videoTimelineStarts(mpd).length, 1, `the video timeline has a gap:\n${mpd}`);
    const playlist = await mediaPlaylist(urls.hls);
    assert.doesNotMatch(playlist, /#EXT-X-DISCONTINUITY\n/);
    const s = await status();
    assert.deepEqual(s.encoders.filter((e) => e.connected).map((e) => e.role), ['secondary']);
    const r = await decodeWithFfmpeg(urls.hls, 4);
    assert.equal(r.code, 0, r.stderr);
  });

  test('the primary returns and the timeline does not notice', async () => {
    publish(t.rtmpPrimary);
    await waitFor('the primary to be connected and placed', 30_000, async () => {
      const s = await status();
      return s.encoders.some((e) => e.connected && e.role === 'primary' && e.aligned !== null) ? true : undefined;
    });
    const before = await listed();
    await waitFor('three more fragments', 40_000, async () => ((await listed()) >= before + 3 ? true : undefined));
    const mpd = (await fetchText(urls.dash)).text;
    assert.equal(videoTimelineStarts(mpd).length, 1, `the video timeline has a gap:\n${mpd}`);
    assert.doesNotMatch(await mediaPlaylist(urls.hls), /#EXT-X-DISCONTINUITY\n/);
    // Either its key frames line up with the backup's (its copies are dropped as duplicates) or
    // it is reported as not aligned and held in reserve: never a broken timeline.
    const primary = (await status()).encoders.find((e) => e.connected && e.role === 'primary')!;
    assert.ok(primary.aligned === true || primary.aligned === false);
  });
});

async function mediaPlaylist(masterUrl: string): Promise<string> {
  const master = await fetchText(masterUrl);
  const variant = master.text.split('\n').find((l) => l.startsWith('QualityLevels('));
  return variant ? (await fetchText(new URL(variant, masterUrl).href)).text : '';
}
