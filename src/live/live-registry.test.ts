import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { buildAvcDecoderConfig } from '../codecs/h264/avc-decoder-config.js';
import type { H264Config } from '../model/codec.js';
import { ManualClock } from '../model/time.js';
import { MemoryFragmentStore } from '../store/memory-fragment-store.js';
import { LiveRegistry, namespaceOf } from './live-registry.js';

const sps = Uint8Array.of(0x67, 0x42, 0xc0, 0x1e, 0xda, 0x02, 0x80, 0xbf, 0xe5, 0x84);
const pps = Uint8Array.of(0x68, 0xce, 0x3c, 0x80);
const codec: H264Config = {
  kind: 'h264', avcC: buildAvcDecoderConfig([sps], [pps]), sps: [sps], pps: [pps], lengthSize: 4,
  profile: 0x42, compatibility: 0xc0, level: 0x1e, width: 640, height: 360, sarWidth: 1, sarHeight: 1,
};

/** Publishes `seconds` of 2 s video fragments into a running channel, moving the clock along. */
async function publish(registry: LiveRegistry, clock: ManualClock, channel: string, fromSecond: number, seconds: number) {
  const live = registry.channel(channel)!;
  const { offsetMs } = live.joinTimeline('cam', fromSecond * 1000);
  const track = live.declareTrack({ source: 'cam', type: 'video', codec, timescale: 90000, bitrate: 1_000_000 });
  for (let s = fromSecond; s < fromSecond + seconds; s += 2) {
    clock.set(1_800_000_000_000 + (s + 2) * 1000);
    const samples = Array.from({ length: 60 }, (_, i) => ({ duration: 3000, compositionOffset: 0, sync: i === 0, data: new Uint8Array(8) }));
    live.addFragment({ trackId: track.id, trackVersion: 0, sequence: s / 2, decodeTime: BigInt((s * 1000 + offsetMs) * 90), samples, discontinuity: false });
  }
  await live.drain();
}

function setup() {
  const clock = new ManualClock(1_800_000_000_000);
  const store = new MemoryFragmentStore();
  return { clock, store, registry: new LiveRegistry({ store, clock, log: pino({ level: 'silent' }) }) };
}

test('a program shows what was recorded since it started; after stop it is on demand up to the stop', async () => {
  const { clock, registry } = setup();
  await registry.startChannel('ch', 2000);
  await publish(registry, clock, 'ch', 0, 10);
  registry.startProgram('ch', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 10, 10);
  const live = registry.programPresentation('ch', 'show')!;
  assert.equal(live.ended, false);
  assert.deepEqual(live.tracks[0].entries.map((e) => Number(e.decodeTime) / 90000), [10, 12, 14, 16, 18]);
  registry.stopProgram('ch', 'show');
  await publish(registry, clock, 'ch', 20, 4);
  const vod = registry.programPresentation('ch', 'show')!;
  assert.equal(vod.ended, true);
  assert.deepEqual(vod.tracks[0].entries.map((e) => Number(e.decodeTime) / 90000), [10, 12, 14, 16, 18]);
  // The preview shows the channel's input whatever the programs do.
  const preview = registry.previewPresentation('ch')!;
  assert.deepEqual(preview.tracks[0].entries.map((e) => Number(e.decodeTime) / 90000).slice(-2), [20, 22]);
});

test('the DVR window slides: only the last archive window is listed', async () => {
  const { clock, registry } = setup();
  await registry.startChannel('ch', 2000);
  registry.startProgram('ch', 'show', 6000);
  await publish(registry, clock, 'ch', 0, 20);
  const p = registry.programPresentation('ch', 'show')!;
  assert.deepEqual(p.tracks[0].entries.map((e) => Number(e.decodeTime) / 90000), [14, 16, 18]);
});

test('stopping a channel drops its encoders and its media; starting it again begins empty', async () => {
  const { clock, store, registry } = setup();
  await registry.startChannel('ch', 2000);
  const dropped: string[] = [];
  registry.attachEncoder('ch', (reason) => dropped.push(reason));
  await publish(registry, clock, 'ch', 0, 4);
  const key = { namespace: namespaceOf('ch'), trackId: 'video_cam', decodeTime: 0n };
  assert.ok(await store.getFragment(key));
  await registry.stopChannel('ch', true);
  assert.deepEqual(dropped, ['channel stopped']);
  assert.equal(await store.getFragment(key), undefined);
  assert.equal(registry.programPresentation('ch', 'show'), undefined);
  await registry.startChannel('ch', 2000);
  assert.equal(registry.previewPresentation('ch')!.tracks.length, 0);
});

test('forgetProgramWindow drops a stopped program\'s on-demand window and leaves a running one', async () => {
  const { clock, registry } = setup();
  await registry.startChannel('ch', 2000);
  registry.startProgram('ch', 'show', 5 * 60_000);
  registry.startProgram('ch', 'other', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 6);
  assert.equal(registry.forgetProgramWindow('ch', 'show'), false, 'a running program has no on-demand window');
  assert.ok(registry.programPresentation('ch', 'show'));
  registry.stopProgram('ch', 'show');
  assert.equal(registry.programPresentation('ch', 'show')?.ended, true);
  assert.equal(registry.forgetProgramWindow('ch', 'show'), true);
  assert.equal(registry.programPresentation('ch', 'show'), undefined);
  assert.ok(registry.programPresentation('ch', 'other'), 'the other program is untouched');
});

test('reset empties the live timeline, drops the encoders, and running programs go on recording', async () => {
  const { clock, registry } = setup();
  await registry.startChannel('ch', 2000);
  registry.startProgram('ch', 'show', 5 * 60_000);
  const dropped: string[] = [];
  registry.attachEncoder('ch', (reason) => dropped.push(reason));
  await publish(registry, clock, 'ch', 0, 6);
  await registry.resetChannel('ch', 2000);
  assert.deepEqual(dropped, ['channel stopped']);
  assert.equal(registry.programPresentation('ch', 'show')!.tracks.length, 0);
  await publish(registry, clock, 'ch', 10, 4);
  assert.equal(registry.programPresentation('ch', 'show')!.tracks[0].entries.length, 2);
});
