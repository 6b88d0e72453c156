// Checks the RTMP publishers against ffmpeg's own one-shot RTMP server: every rendition arrives
// with its size, H.264 + AAC 48 kHz stereo, and keyframes exactly every 2 s (aligned GOPs).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LADDER } from './ffmpeg-args.js';
import { ffprobeJson, publishRtmpLadder, publishRtmpSingle, receiveRtmpToFile, type RtmpReceiver } from './ffmpeg.js';
import { getFreePort } from './free-port.js';
import { stopAllManaged } from './process.js';

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
}

const PUBLISH_SEC = 5;

describe('ffmpeg RTMP publishers', { timeout: 60_000, concurrency: 2 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-rtmp-'));
  after(async () => {
    await stopAllManaged();
    rmSync(dir, { recursive: true, force: true });
  });

  async function receiver(name: string): Promise<RtmpReceiver & { file: string }> {
    const file = join(dir, `${name}.flv`);
    const received = await receiveRtmpToFile({ port: await getFreePort(), streamPath: `live/${name}`, outputFile: file, maxSec: 30 });
    return { ...received, file };
  }

  async function assertReceived(file: string, width: number, height: number): Promise<void> {
    const probe = (await ffprobeJson(file, ['-show_streams'])) as { streams: ProbedStream[] };
    const video = probe.streams.find((s) => s.codec_type === 'video');
    const audio = probe.streams.find((s) => s.codec_type === 'audio');
    assert.deepEqual([video?.codec_name, video?.width, video?.height], ['h264', width, height]);
    assert.deepEqual([audio?.codec_name, audio?.sample_rate, audio?.channels], ['aac', '48000', 2]);
    const packets = (await ffprobeJson(file, ['-select_streams', 'v', '-show_entries', 'packet=pts_time,flags'])) as {
      packets: Array<{ pts_time: string; flags: string }>;
    };
    const keyTimes = packets.packets.filter((p) => p.flags.startsWith('K')).map((p) => Number(p.pts_time));
    assert.ok(keyTimes.length >= 2, `keyframes at ${keyTimes.join(', ')}`);
    for (let i = 1; i < keyTimes.length; i++) {
      assert.ok(Math.abs(keyTimes[i] - keyTimes[i - 1] - 2) < 0.05, `keyframes at ${keyTimes.join(', ')}`);
    }
  }

  test('publishRtmpLadder sends three aligned renditions from one process', async () => {
    const receivers = new Map<string, RtmpReceiver & { file: string }>();
    for (const rendition of LADDER) receivers.set(rendition.name, await receiver(`ladder_${rendition.name}`));
    const publisher = publishRtmpLadder({ urlFor: (name) => receivers.get(name)!.url, durationSec: PUBLISH_SEC });
    const exit = await publisher.waitForExit(PUBLISH_SEC * 1000 + 15_000);
    assert.equal(exit?.code, 0, publisher.stderr());
    for (const r of receivers.values()) assert.equal((await r.process.waitForExit(10_000))?.code, 0, r.process.stderr());
    for (const rendition of LADDER) await assertReceived(receivers.get(rendition.name)!.file, rendition.width, rendition.height);
  });

  test('publishRtmpSingle sends one 360p rendition', async () => {
    const r = await receiver('single');
    const publisher = publishRtmpSingle({ url: r.url, durationSec: PUBLISH_SEC });
    const exit = await publisher.waitForExit(PUBLISH_SEC * 1000 + 15_000);
    assert.equal(exit?.code, 0, publisher.stderr());
    assert.equal((await r.process.waitForExit(10_000))?.code, 0, r.process.stderr());
    await assertReceived(r.file, 640, 360);
  });
});
