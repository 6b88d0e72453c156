import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRtmpServer } from './rtmp-server.js';
import { captureLogger, RecordingHandler } from './testing/recording-handler.js';

const FFMPEG = '/usr/bin/ffmpeg';

/** Publishes 4 s of test video (30 fps, GOP 30) and a 1 kHz tone; resolves with the exit code. */
function publishWithFfmpeg(url: string): Promise<{ code: number | null; stderr: string }> {
  const args = [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
    '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '64k', '-f', 'flv', url,
  ];
  return new Promise((resolve) => {
    const p = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // A hung ffmpeg must not hang the test run.
    const kill = setTimeout(() => p.kill('SIGKILL'), 15_000);
    p.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, stderr });
    });
  });
}

function nonDecreasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1]);
}

describe('RTMP ingest with a real ffmpeg publisher', { timeout: 20_000 }, () => {
  it('receives metadata, AVC and AAC configs, ~120 frames with monotonic timestamps, and one onEnd', async () => {
    const handler = new RecordingHandler();
    const { logger, records } = captureLogger();
    const server = createRtmpServer({ handler, logger });
    const port = await server.listen(0, '127.0.0.1');
    try {
      const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${port}/live/tok123/s720`);
      assert.equal(code, 0, stderr);
      await handler.ended;

      assert.equal(handler.requests.length, 1);
      const req = handler.requests[0];
      assert.deepEqual([req.app, req.streamName, req.query, req.remoteAddress], ['live/tok123', 's720', '', '127.0.0.1']);
      assert.equal(req.localPort, port);

      const meta = handler.of('metadata');
      assert.equal(meta.length, 1);
      assert.equal(meta[0].metadata.width, 320);
      assert.equal(meta[0].metadata.videocodecid, 7);

      const video = handler.of('video');
      assert.equal(video[0].packet.kind, 'config');
      assert.equal(video[0].packet.kind === 'config' && video[0].packet.codec, 'avc');
      const frames = video.filter((v) => v.packet.kind === 'frame');
      assert.ok(frames[0].packet.kind === 'frame' && frames[0].packet.keyframe, 'first frame is a keyframe');
      assert.ok(frames.length >= 115 && frames.length <= 121, `${frames.length} video frames`);
      const keyframes = frames.filter((f) => f.packet.kind === 'frame' && f.packet.keyframe).length;
      assert.ok(keyframes >= 4 && keyframes <= 5, `${keyframes} keyframes`);
      assert.ok(nonDecreasing(video.map((v) => v.ts)), 'video timestamps never decrease');

      const audio = handler.of('audio');
      assert.equal(audio[0].packet.kind, 'config');
      assert.ok(audio[0].packet.kind === 'config' && audio[0].packet.data.length >= 2);
      assert.ok(audio.filter((a) => a.packet.kind === 'frame').length > 150);
      assert.ok(nonDecreasing(audio.map((a) => a.ts)), 'audio timestamps never decrease');
      assert.equal(handler.events.filter((e) => e.kind !== 'end' && 'packet' in e && e.packet.kind === 'other').length, 0);

      assert.equal(handler.endCount, 1);
      assert.equal(handler.events.at(-1)?.kind, 'end');
      assert.deepEqual(records.filter((r) => (r.level as number) >= 40), []);
    } finally {
      await server.close();
    }
    assert.equal(handler.endCount, 1);
  });

  it('refuses with NetStream.Publish.Denied: ffmpeg fails and no media is delivered', async () => {
    const handler = new RecordingHandler(() => ({ accept: false, code: 'NetStream.Publish.Denied', description: 'Unknown token.' }));
    const { logger } = captureLogger();
    const server = createRtmpServer({ handler, logger });
    const port = await server.listen(0, '127.0.0.1');
    try {
      const { code } = await publishWithFfmpeg(`rtmp://127.0.0.1:${port}/live/bad/s720`);
      assert.notEqual(code, 0);
      assert.equal(handler.requests.length, 1);
      assert.deepEqual(handler.events, []);
    } finally {
      await server.close();
    }
  });
});
