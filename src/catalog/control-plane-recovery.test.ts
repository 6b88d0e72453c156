import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ControlPlane } from './control-plane.js';
import { FakeChannelRuntime } from './fake-channel-runtime.js';
import { FakeStreamingEndpointRuntime } from './fake-streaming-endpoint-runtime.js';
import { openTempCatalog } from './temp-catalog.js';

/** Builds a catalog, leaves it as a crash would, and reopens it with a fresh runtime. */
async function crashAndReopen(failing: string[] = []) {
  const before = openTempCatalog();
  const { catalog, control } = before;
  for (const name of ['live', 'idle', 'busy']) catalog.createChannel({ name, input: { protocol: 'rtmp' } });
  catalog.createProgram('live', { name: 'rec', archiveWindow: 'PT1H' });
  catalog.createProgram('live', { name: 'done', archiveWindow: 'PT1H' });
  catalog.createProgram('busy', { name: 'stopping', archiveWindow: 'PT1H' });
  await control.startChannel('live');
  await control.startProgram('live', 'rec');
  await control.startProgram('live', 'done');
  await control.stopProgram('live', 'done');
  await control.startChannel('busy');
  await control.startProgram('busy', 'stopping');
  // The process dies while this program stops: the catalog still says Stopping.
  before.runtime.hold();
  void control.stopProgram('busy', 'stopping');
  assert.equal(catalog.requireProgram('busy', 'stopping').state, 'Stopping');
  catalog.close();

  const after = openTempCatalog(before.dataDir);
  const runtime = new FakeChannelRuntime();
  for (const f of failing) runtime.failing.add(f);
  const recovered = new ControlPlane({ catalog: after.catalog, runtime, endpoints: new FakeStreamingEndpointRuntime(), logger: after.logger });
  return { catalog: after.catalog, runtime, report: await recovered.recoverOnStartup() };
}

test('recoverOnStartup restarts Running channels and programs and settles transient states', async () => {
  const { catalog, runtime, report } = await crashAndReopen();
  assert.deepEqual(runtime.calls, ['startChannel busy', 'startChannel live', 'startProgram live/rec>rec']);
  assert.deepEqual(
    catalog.listChannels().map((c) => [c.name, c.state]),
    [['busy', 'Running'], ['idle', 'Stopped'], ['live', 'Running']],
  );
  assert.equal(catalog.requireProgram('live', 'rec').state, 'Running');
  assert.equal(catalog.requireProgram('live', 'done').state, 'Stopped');
  assert.equal(catalog.requireProgram('busy', 'stopping').state, 'Stopped');
  assert.deepEqual(
    catalog.listAssets().map((a) => [a.name, a.state]),
    [['done', 'ready'], ['rec', 'live'], ['stopping', 'ready']],
  );
  assert.deepEqual(report.channels.map((c) => c.ok), [true, true]);
  assert.deepEqual(report.programs, [{ channel: 'live', name: 'rec', ok: true }]);
});

test('recoverOnStartup: a channel that fails to start ends Stopped with its programs, others carry on', async () => {
  const { catalog, report } = await crashAndReopen(['startChannel:live']);
  assert.equal(catalog.requireChannel('live').state, 'Stopped');
  assert.equal(catalog.requireChannel('busy').state, 'Running');
  assert.equal(catalog.requireProgram('live', 'rec').state, 'Stopped');
  assert.equal(catalog.getAsset('rec')?.state, 'ready');
  assert.deepEqual(report.channels.find((c) => c.name === 'live')?.ok, false);
  assert.deepEqual(report.programs.map((p) => [p.name, p.ok]), [['rec', false]]);
});

test('recoverOnStartup: a program that fails to resume ends Stopped with a ready asset', async () => {
  const { catalog, report } = await crashAndReopen(['startProgram']);
  assert.equal(catalog.requireChannel('live').state, 'Running');
  assert.equal(catalog.requireProgram('live', 'rec').state, 'Stopped');
  assert.equal(catalog.getAsset('rec')?.state, 'ready');
  assert.equal(report.programs[0].ok, false);
});
