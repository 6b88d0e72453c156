// GStreamer's rtmp2sink sends the publish flow its own way (formats.md §1.9): it must reach
// "publishing" and its media must play like ffmpeg's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeWithFfmpeg } from './harness/ffmpeg.js';
import { spawnManaged, stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

const GST_LAUNCH = '/usr/bin/gst-launch-1.0';

describe('GStreamer rtmp2sink as the encoder', { timeout: 3 * 60_000 }, () => {
  let t: Tributary;

  before(async () => {
    t = await startTributary();
  });

  after(async () => {
    await t?.stop();
    await stopAllManaged();
  });

  test('publishes H.264 and AAC that ffmpeg decodes from the channel preview', async () => {
    const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'gst', input: { protocol: 'rtmp' } });
    assert.equal((await t.api('POST', '/channels/gst/start')).status, 200);
    const url = `${t.rtmpPrimary}/live/${ch.body.input.accessToken}/gcam`;
    const pipeline = [
      'videotestsrc', 'is-live=true', '!', 'video/x-raw,format=I420,width=640,height=360,framerate=30/1', '!',
      'x264enc', 'tune=zerolatency', 'speed-preset=ultrafast', 'key-int-max=60', 'bitrate=600', '!', 'h264parse', '!', 'queue', '!',
      'flvmux', 'name=m', 'streamable=true', '!', 'rtmp2sink', `location=${url}`,
      'audiotestsrc', 'is-live=true', '!', 'audioconvert', '!', 'audioresample', '!', 'audio/x-raw,rate=48000,channels=2', '!',
      'voaacenc', 'bitrate=96000', '!', 'aacparse', '!', 'queue', '!', 'm.',
    ];
    const gst = spawnManaged(GST_LAUNCH, ['-q', ...pipeline], { name: 'gst-launch rtmp2sink', maxLifetimeMs: 90_000 });
    const preview = `${t.httpBase}/preview/gst/preview.ism/manifest(format=m3u8-aapl)`;
    await waitFor('three segments from GStreamer', 40_000, async () => {
      const master = await fetchText(preview);
      const variant = master.text.split('\n').find((l) => l.startsWith('QualityLevels('));
      if (!variant) return undefined;
      const media = await fetchText(new URL(variant, preview).href);
      return (media.text.match(/#EXTINF/g)?.length ?? 0) >= 3 ? true : undefined;
    });
    assert.ok(gst.isRunning(), gst.stderr());
    const master = (await fetchText(preview)).text;
    assert.match(master, /CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2",RESOLUTION=640x360/);
    const r = await decodeWithFfmpeg(preview, 4);
    assert.equal(r.code, 0, r.stderr);
    const status = await t.api<{ encoders: { stream: string; role: string; connected: boolean }[] }>('GET', '/channels/gst/ingest');
    assert.deepEqual(status.body.encoders.map((s) => [s.stream, s.role, s.connected]), [['gcam', 'primary', true]]);
    await gst.stop(3000);
  });
});
