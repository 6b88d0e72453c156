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

const invalid: [string, unknown, string][] = [
  ['archive window too short', { name: 'p1', archiveWindow: 'PT1M' }, 'archiveWindow'],
  ['archive window not ISO', { name: 'p1', archiveWindow: '1 hour' }, 'archiveWindow'],
  ['missing archive window', { name: 'p1' }, 'archiveWindow'],
  ['bad manifest name', { name: 'p1', archiveWindow: 'PT1H', manifestName: 'Main Show' }, 'manifestName'],
  ['unknown field', { name: 'p1', archiveWindow: 'PT1H', dvr: true }, 'dvr'],
];

for (const [name, body, field] of invalid) {
  test(`POST programs: ${name} → 400 naming ${field}`, async () => {
    const { call } = await withChannel();
    const res = await call('POST', '/channels/ch1/programs', body);
    assert.deepEqual([res.status, res.body.code, res.body.field], [400, 'ERR_VALIDATION', field]);
    assert.deepEqual((await call('GET', '/channels/ch1/programs')).body.value, []);
  });
}

test('programs: 404 for an unknown channel or program, 409 for the fourth', async () => {
  const { call } = await withChannel();
  assert.equal((await call('POST', '/channels/nope/programs', { name: 'p1', archiveWindow: 'PT1H' })).status, 404);
  assert.equal((await call('GET', '/channels/ch1/programs/nope')).status, 404);
  for (const name of ['a', 'b', 'c']) assert.equal((await call('POST', '/channels/ch1/programs', { name, archiveWindow: 'PT1H' })).status, 201);
  const fourth = await call('POST', '/channels/ch1/programs', { name: 'd', archiveWindow: 'PT1H' });
  assert.deepEqual([fourth.status, fourth.body.code], [409, 'ERR_LIMIT']);
  assert.equal((await call('GET', '/channels/ch1/programs')).body.value.length, 3);
});
