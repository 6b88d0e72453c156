import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApi } from './test-api.js';

async function withChannel() {
  const api = await buildTestApi();
  await api.call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } });
  return api;
}

test('program lifecycle over HTTP: create, start (asset live), stop (asset ready), delete', async () => {
  const { call } = await withChannel();
  const created = await call('POST', '/channels/ch1/programs', { name: 'p1', archiveWindow: 'PT1H' });
  assert.equal(created.status, 201);
  assert.equal(created.headers.location, '/api/v1/channels/ch1/programs/p1');
  assert.deepEqual([created.body.assetName, created.body.manifestName, created.body.archiveWindowMs, created.body.state], ['p1', 'ch1', 3_600_000, 'Stopped']);
  const early = await call('POST', '/channels/ch1/programs/p1/start');
  assert.deepEqual([early.status, early.body.code], [409, 'ERR_CHANNEL_STATE']);
  assert.equal((await call('GET', '/assets/p1')).status, 404);
  await call('POST', '/channels/ch1/start');
  assert.equal((await call('POST', '/channels/ch1/programs/p1/start')).body.state, 'Running');
  assert.equal((await call('GET', '/assets/p1')).body.state, 'live');
  const stopChannel = await call('POST', '/channels/ch1/stop');
  assert.deepEqual([stopChannel.status, stopChannel.body.code], [409, 'ERR_CHANNEL_STATE']);
  assert.equal((await call('DELETE', '/channels/ch1/programs/p1')).body.code, 'ERR_PROGRAM_STATE');
  assert.equal((await call('POST', '/channels/ch1/programs/p1/stop')).body.state, 'Stopped');
  assert.equal((await call('GET', '/assets/p1')).body.state, 'ready');
  assert.deepEqual((await call('GET', '/assets')).body.value.map((a: { name: string }) => a.name), ['p1']);
  assert.equal((await call('DELETE', '/channels/ch1/programs/p1')).status, 204);
  assert.deepEqual((await call('GET', '/channels/ch1/programs')).body, { value: [] });
});

test('a recording that fails (disk full) stops its program with lastError in the API; a new start clears it', async () => {
  const { call, control } = await withChannel();
  await call('POST', '/channels/ch1/start');
  await call('POST', '/channels/ch1/programs', { name: 'p1', archiveWindow: 'PT1H' });
  await call('POST', '/channels/ch1/programs/p1/start');
  // What the live registry reports when a link or journal write fails (live-registry.test.ts).
  control.programFailed('ch1', 'p1', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
  const failed = (await call('GET', '/channels/ch1/programs/p1')).body;
  assert.equal(failed.state, 'Stopped');
  assert.equal(failed.lastError.code, 'ERR_STORE');
  assert.match(failed.lastError.message, /^recording stopped: ENOSPC: no space left on device/);
  assert.ok(Math.abs(Date.parse(failed.lastError.time) - Date.now()) < 60_000, failed.lastError.time);
  assert.equal((await call('GET', '/assets/p1')).body.state, 'ready', 'what was archived plays on demand');
  const again = await call('POST', '/channels/ch1/programs/p1/start');
  assert.equal(again.body.state, 'Running');
  assert.equal(again.body.lastError, undefined);
  assert.equal((await call('GET', '/channels/ch1/programs/p1')).body.lastError, undefined);
});
