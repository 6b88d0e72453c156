import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorCode } from '../util/errors.js';
import { rejectsWith } from './rejects-with.js';
import type { NewProgram, ProgramState } from './program.js';
import { openTempCatalog } from './temp-catalog.js';

function withChannel() {
  const env = openTempCatalog();
  env.catalog.createChannel({ name: 'ch1', input: { protocol: 'rtmp' } });
  return env;
}

test('createProgram fills defaults from the program and channel names', () => {
  const { catalog } = withChannel();
  const p = catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT1H' });
  assert.deepEqual(
    { assetName: p.assetName, manifestName: p.manifestName, archiveWindowMs: p.archiveWindowMs, state: p.state, description: p.description },
    { assetName: 'p1', manifestName: 'ch1', archiveWindowMs: 3_600_000, state: 'Stopped', description: '' },
  );
  assert.deepEqual(catalog.listPrograms('ch1'), [p]);
  assert.deepEqual(catalog.getProgramByAsset('p1'), p);
  assert.equal(catalog.getAsset('p1'), undefined, 'the asset appears only when the program starts');
});

const invalidPrograms: [string, unknown, string][] = [
  ['bad name', { name: 'P 1', archiveWindow: 'PT1H' }, 'name'],
  ['missing archive window', { name: 'p1' }, 'archiveWindow'],
  ['archive window below 5 minutes', { name: 'p1', archiveWindow: 'PT4M59S' }, 'archiveWindow'],
  ['archive window above 25 hours', { name: 'p1', archiveWindow: 'PT25H0.001S' }, 'archiveWindow'],
  ['archive window in months', { name: 'p1', archiveWindow: 'P1M' }, 'archiveWindow'],
  ['bad asset name', { name: 'p1', archiveWindow: 'PT1H', assetName: 'A' }, 'assetName'],
  ['bad manifest name', { name: 'p1', archiveWindow: 'PT1H', manifestName: 'x.ism' }, 'manifestName'],
];

for (const [name, input, field] of invalidPrograms) {
  test(`createProgram refuses ${name} naming ${field}`, () => {
    const { catalog } = withChannel();
    assert.throws(() => catalog.createProgram('ch1', input as NewProgram), rejectsWith('ERR_VALIDATION', field));
    assert.deepEqual(catalog.listPrograms('ch1'), []);
  });
}

test('archive window bounds are inclusive', () => {
  const { catalog } = withChannel();
  assert.equal(catalog.createProgram('ch1', { name: 'a', archiveWindow: 'PT5M' }).archiveWindowMs, 300_000);
  assert.equal(catalog.createProgram('ch1', { name: 'b', archiveWindow: 'P1DT1H' }).archiveWindowMs, 90_000_000);
});

test('createProgram: unknown channel 404, duplicate 409, fourth program ERR_LIMIT, shared asset 409', () => {
  const { catalog } = withChannel();
  assert.throws(() => catalog.createProgram('nope', { name: 'p1', archiveWindow: 'PT1H' }), rejectsWith('ERR_NOT_FOUND'));
  for (const name of ['p1', 'p2', 'p3']) catalog.createProgram('ch1', { name, archiveWindow: 'PT1H' });
  assert.throws(() => catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT1H' }), rejectsWith('ERR_ALREADY_EXISTS', 'name'));
  assert.throws(() => catalog.createProgram('ch1', { name: 'p4', archiveWindow: 'PT1H' }), rejectsWith('ERR_LIMIT'));
  catalog.createChannel({ name: 'ch2', input: { protocol: 'rtmp' } });
  assert.throws(() => catalog.createProgram('ch2', { name: 'q', archiveWindow: 'PT1H', assetName: 'p1' }), rejectsWith('ERR_ALREADY_EXISTS', 'assetName'));
  assert.equal(catalog.listPrograms('ch1').length, 3);
  assert.equal(catalog.listPrograms('ch2').length, 0);
});

async function programIn(state: ProgramState) {
  const env = withChannel();
  env.catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await env.control.startChannel('ch1');
  let release = () => {};
  let pending: Promise<unknown> = Promise.resolve();
  if (state === 'Running' || state === 'Stopping') await env.control.startProgram('ch1', 'p1');
  if (state === 'Starting' || state === 'Stopping') {
    release = env.runtime.hold();
    pending = state === 'Starting' ? env.control.startProgram('ch1', 'p1') : env.control.stopProgram('ch1', 'p1');
  }
  assert.equal(env.catalog.requireProgram('ch1', 'p1').state, state);
  return { ...env, release, pending };
}

const PROGRAM_TABLE: [ProgramState, 'start' | 'stop' | 'delete' | 'stop channel', ProgramState | 'deleted' | ErrorCode][] = [
  ['Stopped', 'start', 'Running'],
  ['Stopped', 'stop', 'ERR_PROGRAM_STATE'],
  ['Stopped', 'delete', 'deleted'],
  ['Starting', 'start', 'ERR_PROGRAM_STATE'],
  ['Starting', 'stop', 'ERR_PROGRAM_STATE'],
  ['Starting', 'delete', 'ERR_PROGRAM_STATE'],
  ['Starting', 'stop channel', 'ERR_CHANNEL_STATE'],
  ['Running', 'start', 'ERR_PROGRAM_STATE'],
  ['Running', 'stop', 'Stopped'],
  ['Running', 'delete', 'ERR_PROGRAM_STATE'],
  ['Running', 'stop channel', 'ERR_CHANNEL_STATE'],
  ['Stopping', 'start', 'ERR_PROGRAM_STATE'],
  ['Stopping', 'stop', 'ERR_PROGRAM_STATE'],
  ['Stopping', 'delete', 'ERR_PROGRAM_STATE'],
  ['Stopping', 'stop channel', 'ERR_CHANNEL_STATE'],
];

for (const [from, action, outcome] of PROGRAM_TABLE) {
  test(`program ${from} --${action}--> ${outcome}`, async () => {
    const { catalog, control, runtime, release, pending } = await programIn(from);
    const before = { calls: runtime.calls.length, asset: catalog.getAsset('p1'), channel: catalog.requireChannel('ch1') };
    const run = async () => {
      if (action === 'delete') return catalog.deleteProgram('ch1', 'p1');
      if (action === 'start') return control.startProgram('ch1', 'p1');
      if (action === 'stop') return control.stopProgram('ch1', 'p1');
      return control.stopChannel('ch1');
    };
    if (outcome.startsWith('ERR_')) {
      await assert.rejects(run(), rejectsWith(outcome as ErrorCode));
      assert.equal(catalog.requireProgram('ch1', 'p1').state, from);
      assert.deepEqual(catalog.getAsset('p1'), before.asset);
      assert.deepEqual(catalog.requireChannel('ch1'), before.channel);
      assert.equal(runtime.calls.length, before.calls);
    } else {
      await run();
      if (outcome === 'deleted') assert.equal(catalog.getProgram('ch1', 'p1'), undefined);
      else assert.equal(catalog.requireProgram('ch1', 'p1').state, outcome);
    }
    release();
    await pending;
  });
}

test('a program starts only on a Running channel', async () => {
  const { catalog, control, runtime } = withChannel();
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await assert.rejects(control.startProgram('ch1', 'p1'), rejectsWith('ERR_CHANNEL_STATE'));
  assert.equal(catalog.requireProgram('ch1', 'p1').state, 'Stopped');
  assert.equal(catalog.getAsset('p1'), undefined);
  assert.deepEqual(runtime.calls, []);
});

test('asset lifecycle: created live on start, ready on stop, reused on restart', async () => {
  const { catalog, control, runtime } = withChannel();
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M', manifestName: 'show' });
  await control.startChannel('ch1');
  await control.startProgram('ch1', 'p1');
  const live = catalog.getAsset('p1');
  assert.deepEqual([live?.state, live?.channel, live?.program, live?.manifestName], ['live', 'ch1', 'p1', 'show']);
  assert.equal(runtime.calls.at(-1), 'startProgram ch1/p1>p1');
  assert.equal(catalog.updateAssetStats('p1', { durationMs: 4000, sizeBytes: 1000, tracks: [{ id: 'video', type: 'video', codec: 'avc1.64001f', bitrate: 3_000_000 }] }), true);
  assert.equal(catalog.updateAssetStats('nope', { durationMs: 1 }), false);
  await control.stopProgram('ch1', 'p1');
  const ready = catalog.getAsset('p1');
  assert.equal(ready?.state, 'ready');
  assert.equal(ready?.durationMs, 4000);
  await control.startProgram('ch1', 'p1');
  const again = catalog.getAsset('p1');
  assert.deepEqual([again?.state, again?.created, again?.durationMs, again?.tracks.length], ['live', ready?.created, 4000, 1]);
});

test('a failed program start deletes the asset it created', async () => {
  const { catalog, control, runtime } = withChannel();
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await control.startChannel('ch1');
  runtime.failing.add('startProgram');
  await assert.rejects(control.startProgram('ch1', 'p1'), /fake startProgram failure/);
  assert.equal(catalog.requireProgram('ch1', 'p1').state, 'Stopped');
  assert.equal(catalog.getAsset('p1'), undefined);
});

test('a failed program start restores a reused asset as it was', async () => {
  const { catalog, control, runtime } = withChannel();
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await control.startChannel('ch1');
  await control.startProgram('ch1', 'p1');
  await control.stopProgram('ch1', 'p1');
  const before = catalog.getAsset('p1');
  runtime.failing.add('startProgram');
  await assert.rejects(control.startProgram('ch1', 'p1'));
  assert.deepEqual({ ...catalog.getAsset('p1'), lastModified: '' }, { ...before, lastModified: '' });
});

test('a failed program stop leaves it Running and its asset live', async () => {
  const { catalog, control, runtime } = withChannel();
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await control.startChannel('ch1');
  await control.startProgram('ch1', 'p1');
  runtime.failing.add('stopProgram');
  await assert.rejects(control.stopProgram('ch1', 'p1'));
  assert.equal(catalog.requireProgram('ch1', 'p1').state, 'Running');
  assert.equal(catalog.getAsset('p1')?.state, 'live');
});
