import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { aacConfigFromAsc } from '../codecs/aac/aac-config.js';
import type { ManualClock } from '../model/time.js';
import type { FragmentKey } from '../store/fragment-store.js';
import { MemoryFragmentStore } from '../store/memory-fragment-store.js';
import { LiveRegistry, namespaceOf } from './live-registry.js';
import { manualRegistry } from './testing/manual-registry.js';
import { AAC_LC_48K_STEREO_ASC, testH264Config } from './testing/test-codecs.js';

const codec = testH264Config('360p');

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

const seconds = (p: { tracks: readonly { entries: readonly { decodeTime: bigint }[] }[] }) => p.tracks[0].entries.map((e) => Number(e.decodeTime) / 90000);

test('a program archives what was recorded since it started; after stop it is on demand up to the stop', async () => {
  const { clock, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await publish(registry, clock, 'ch', 0, 10);
  await registry.startProgram('ch', 'show', 'show-asset', 5 * 60_000);
  await publish(registry, clock, 'ch', 10, 10);
  const live = registry.assetPresentation('show-asset')!;
  assert.equal(live.ended, false);
  assert.equal(live.dvrWindowMs, 5 * 60_000);
  assert.deepEqual(seconds(live), [10, 12, 14, 16, 18]);
  await registry.stopProgram('ch', 'show');
  await publish(registry, clock, 'ch', 20, 4);
  const vod = registry.assetPresentation('show-asset')!;
  assert.equal(vod.ended, true);
  assert.equal(vod.dvrWindowMs, undefined, 'on demand: the whole archive');
  assert.deepEqual(seconds(vod), [10, 12, 14, 16, 18]);
  // The preview shows the channel's input whatever the programs do.
  const preview = registry.previewPresentation('ch')!;
  assert.deepEqual(seconds(preview).slice(-2), [20, 22]);
});

test('the archive window slides: only the last window is listed and kept in the store', async () => {
  const { clock, store, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'show', 'show', 6000);
  await publish(registry, clock, 'ch', 0, 20);
  const p = registry.assetPresentation('show')!;
  assert.deepEqual(seconds(p), [14, 16, 18]);
  assert.equal(p.tracks[0].entries[0].sequence, 7, 'MEDIA-SEQUENCE follows the slide');
  const stored = (await store.listFragments('asset-show', 'video_cam')).map((t) => Number(t) / 90000).sort((a, b) => a - b);
  assert.deepEqual(stored, [14, 16, 18], 'fragments out of the window are deleted');
});

test('an asset outlives its channel: stopping the channel deletes the live timeline, not the archive', async () => {
  const { clock, store, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  const dropped: string[] = [];
  registry.attachEncoder('ch', (reason) => dropped.push(reason));
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 4);
  await registry.stopProgram('ch', 'show');
  const key = { namespace: namespaceOf('ch'), trackId: 'video_cam', decodeTime: 0n };
  assert.ok(await store.getFragment(key));
  await registry.stopChannel('ch', true);
  assert.deepEqual(dropped, ['channel stopped']);
  assert.equal(await store.getFragment(key), undefined);
  assert.deepEqual(seconds(registry.assetPresentation('show')!), [0, 2]);
  assert.ok(await store.getFragment({ ...key, namespace: 'asset-show' }));
  await registry.startChannel('ch', 2000);
  assert.equal(registry.previewPresentation('ch')!.tracks.length, 0);
});

test('three programs share the ingested bytes; each has its own window; deleting one asset leaves the others', async () => {
  const { clock, store, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'a', 'a', 5 * 60_000);
  await registry.startProgram('ch', 'b', 'b', 4000);
  await registry.startProgram('ch', 'c', 'c', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 10);
  assert.deepEqual(seconds(registry.assetPresentation('a')!), [0, 2, 4, 6, 8]);
  assert.deepEqual(seconds(registry.assetPresentation('b')!), [6, 8]);
  const key = { namespace: 'asset-a', trackId: 'video_cam', decodeTime: 8n * 90000n };
  const bytes = await store.getFragment(key);
  assert.equal(bytes, await store.getFragment({ ...key, namespace: 'asset-c' }), 'the same bytes, not a copy');
  assert.equal(bytes, await store.getFragment({ ...key, namespace: namespaceOf('ch') }));
  await registry.stopProgram('ch', 'c');
  await registry.deleteAsset('c');
  assert.equal(registry.assetPresentation('c'), undefined);
  assert.equal(await store.getFragment({ ...key, namespace: 'asset-c' }), undefined);
  assert.ok(await store.getFragment(key));
});

test('starting a program again appends to its asset after a discontinuity, sequence numbers going on without a gap', async () => {
  const { clock, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 6);
  await registry.stopProgram('ch', 'show');
  await publish(registry, clock, 'ch', 6, 4);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 10, 4);
  const p = registry.assetPresentation('show')!;
  assert.deepEqual(seconds(p), [0, 2, 4, 10, 12]);
  assert.deepEqual(p.tracks[0].entries.map((e) => e.discontinuity), [false, false, false, true, false]);
  // The channel numbered the cuts 0, 1, 2, (3, 4 not recorded), 5, 6: an HLS client numbers
  // segments by position, so the asset's numbers must not skip what it never recorded.
  assert.deepEqual(p.tracks[0].entries.map((e) => e.sequence), [0, 1, 2, 3, 4]);
});

test('reset: running programs go on recording into their assets from the new live timeline', async () => {
  const { clock, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  const dropped: string[] = [];
  registry.attachEncoder('ch', (reason) => dropped.push(reason));
  await publish(registry, clock, 'ch', 0, 6);
  await registry.resetChannel('ch', 2000);
  assert.deepEqual(dropped, ['channel stopped']);
  assert.equal(registry.previewPresentation('ch')!.tracks.length, 0);
  clock.set(1_800_000_000_000 + 10_000); // the encoder comes back 4 s later
  await publish(registry, clock, 'ch', 10, 4);
  const p = registry.assetPresentation('show')!;
  assert.equal(p.ended, false);
  assert.deepEqual(seconds(p), [0, 2, 4, 10, 12]);
  assert.equal(p.tracks[0].entries[3].discontinuity, true);
  const seq = p.tracks[0].entries.map((e) => e.sequence);
  assert.ok(seq.every((s, i) => i === 0 || s > seq[i - 1]), `sequences increase across the reset: ${seq}`);
});

test('after a restart the archive is read back from the store as it was listed', async () => {
  const { clock, store, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 8);
  const before = registry.assetPresentation('show')!;
  const again = new LiveRegistry({ store, clock, log: pino({ level: 'silent' }) });
  const { repaired } = await again.library.recover(['show']);
  assert.deepEqual(repaired.map((r) => [r.asset, r.fragments, r.droppedEntries, r.orphansRemoved]), [['show', 4, 0, 0]]);
  const after = again.assetPresentation('show')!;
  assert.equal(after.ended, true, 'not recording until its program resumes');
  assert.deepEqual(after.tracks[0].entries, before.tracks[0].entries);
  assert.equal(after.availabilityStartTime, before.availabilityStartTime);
});

test('a store error stops that recording, reports it once, and the asset keeps what it listed', async () => {
  const store = new MemoryFragmentStore();
  const failures: string[] = [];
  let full = false;
  const failing = Object.assign(Object.create(store) as MemoryFragmentStore, {
    linkFragment: async (from: FragmentKey, to: FragmentKey) => {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return store.linkFragment(from, to);
    },
  });
  const { clock, registry } = manualRegistry({ store: failing, events: { failed: (ch, program, err) => failures.push(`${ch}/${program}: ${err.message}`) } });
  await registry.startChannel('ch', 2000);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await publish(registry, clock, 'ch', 0, 4);
  full = true;
  await publish(registry, clock, 'ch', 4, 6);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(failures, ['ch/show: ENOSPC: no space left on device']);
  const p = registry.assetPresentation('show')!;
  assert.equal(p.ended, true);
  assert.deepEqual(seconds(p), [0, 2]);
  assert.equal(registry.previewPresentation('ch')!.tracks[0].entries.length, 5, 'the channel itself goes on');
});

test('a program started between two tracks\' fragments of one cut starts every track at the next cut', async () => {
  const { clock, registry } = manualRegistry();
  await registry.startChannel('ch', 2000);
  const live = registry.channel('ch')!;
  live.joinTimeline('cam', 0);
  const video = live.declareTrack({ source: 'cam', type: 'video', codec, timescale: 90000, bitrate: 1_000_000 });
  const audio = live.declareTrack({ source: 'cam', type: 'audio', codec: aacConfigFromAsc(AAC_LC_48K_STEREO_ASC), timescale: 48000, bitrate: 96_000 });
  const add = async (trackId: string, timescale: number, sequence: number) => {
    clock.set(1_800_000_000_000 + (sequence + 1) * 2000);
    const samples = Array.from({ length: 4 }, (_, i) => ({ duration: timescale / 2, compositionOffset: 0, sync: i === 0, data: new Uint8Array(8) }));
    live.addFragment({ trackId, trackVersion: 0, sequence, decodeTime: BigInt(sequence * 2 * timescale), samples, discontinuity: false });
    await live.drain();
  };
  await add(video.id, 90000, 0);
  await add(audio.id, 48000, 0);
  await add(video.id, 90000, 1);
  await registry.startProgram('ch', 'show', 'show', 5 * 60_000);
  await add(audio.id, 48000, 1);
  for (const s of [2, 3]) for (const [t, ts] of [[video.id, 90000], [audio.id, 48000]] as const) await add(t, ts, s);
  const p = registry.assetPresentation('show')!;
  assert.deepEqual(p.tracks.map((t) => [t.track.id, t.entries.map((e) => e.sequence)]), [[video.id, [2, 3]], [audio.id, [2, 3]]]);
});

test('a channel holds at most maxTracks tracks: a new one past it is refused, a new version of one is not', async () => {
  const { registry } = manualRegistry({ maxTracksPerChannel: 2 });
  await registry.startChannel('ch', 2000);
  const live = registry.channel('ch')!;
  live.declareTrack({ source: 'a', type: 'video', codec, timescale: 90000, bitrate: 1_000_000 });
  live.declareTrack({ source: 'b', type: 'video', codec, timescale: 90000, bitrate: 500_000 });
  assert.throws(() => live.declareTrack({ source: 'c', type: 'video', codec, timescale: 90000, bitrate: 250_000 }), (e: { code?: string; message: string }) => e.code === 'ERR_INGEST_LIMIT' && /already has 2 tracks/.test(e.message));
  const v1 = live.declareTrack({ source: 'a', type: 'video', codec: testH264Config('720p'), timescale: 90000, bitrate: 1_000_000 });
  assert.equal(v1.version, 1, 'a changed configuration of an existing track is still accepted');
});
