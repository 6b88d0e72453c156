import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApi } from './test-api.js';

test('streaming endpoint lifecycle over HTTP: create, start, scale, PATCH, stop, delete', async () => {
  const { call, endpointRuntime } = await buildTestApi();
  const created = await call('POST', '/streaming-endpoints', { name: 'edge', port: 9000, scaleUnits: 1, cors: { allowOrigins: ['https://a.example'] } });
  assert.deepEqual([created.status, created.headers.location, created.body.state, created.body.url], [201, '/api/v1/streaming-endpoints/edge', 'Stopped', 'http://media.test:9000']);
  assert.deepEqual((await call('GET', '/streaming-endpoints')).body.value.map((e: { name: string }) => e.name), ['default', 'edge']);
  assert.equal((await call('POST', '/streaming-endpoints/edge/start')).body.state, 'Running');
  assert.deepEqual((await call('PATCH', '/streaming-endpoints/edge', { port: 9001 })).body.code, 'ERR_STREAMING_ENDPOINT_STATE');
  const scaled = await call('POST', '/streaming-endpoints/edge/scale', { scaleUnits: 5 });
  assert.deepEqual([scaled.body.state, scaled.body.scaleUnits], ['Running', 5]);
  assert.equal((await call('DELETE', '/streaming-endpoints/edge')).body.code, 'ERR_STREAMING_ENDPOINT_STATE');
  assert.equal((await call('POST', '/streaming-endpoints/edge/stop')).body.state, 'Stopped');
  assert.equal((await call('PATCH', '/streaming-endpoints/edge', { port: 9001 })).body.url, 'http://media.test:9001');
  assert.equal((await call('DELETE', '/streaming-endpoints/edge')).status, 204);
  assert.equal((await call('GET', '/streaming-endpoints/edge')).status, 404);
  assert.deepEqual(endpointRuntime.calls, ['startEndpoint edge', 'scaleEndpoint edge 5', 'stopEndpoint edge']);
});

test('a failed listener start answers 409 ERR_PORT_IN_USE naming the port, and the endpoint is Stopped', async () => {
  const { call, endpointRuntime } = await buildTestApi();
  await call('POST', '/streaming-endpoints', { name: 'edge', port: 9000 });
  // The real runtime (EndpointListeners) throws this on EADDRINUSE; see its socket test.
  const { TributaryError } = await import('../../util/errors.js');
  endpointRuntime.startEndpoint = async () => {
    throw new TributaryError('ERR_PORT_IN_USE', 'port 9000 is already in use on 0.0.0.0', { port: 9000 });
  };
  const res = await call('POST', '/streaming-endpoints/edge/start');
  assert.deepEqual([res.status, res.body.code], [409, 'ERR_PORT_IN_USE']);
  assert.match(res.body.detail, /9000/);
  assert.equal((await call('GET', '/streaming-endpoints/edge')).body.state, 'Stopped');
});

const invalid: [string, string, unknown, string, number][] = [
  ['POST', '/streaming-endpoints', { name: 'edge' }, 'port', 400],
  ['POST', '/streaming-endpoints', { name: 'edge', port: 70000 }, 'port', 400],
  ['POST', '/streaming-endpoints', { name: 'edge', port: 1935 }, 'port', 409],
  ['POST', '/streaming-endpoints', { name: 'edge', port: 9000, scaleUnits: 11 }, 'scaleUnits', 400],
  ['POST', '/streaming-endpoints', { name: 'edge', port: 9000, ipAllow: [{ address: '10.0.0.300' }] }, 'ipAllow[0].address', 400],
  ['POST', '/streaming-endpoints/default/scale', { scaleUnits: -1 }, 'scaleUnits', 400],
  ['PATCH', '/streaming-endpoints/default', { port: 9000 }, 'port', 400],
  ['PATCH', '/streaming-endpoints/default', { cors: { allowOrigins: ['nope'] } }, 'cors.allowOrigins[0]', 400],
  ['PATCH', '/channels/ch', { input: { protocol: 'fmp4' } }, 'input.protocol', 400],
  ['PATCH', '/channels/ch', { input: { keyFrameIntervalMs: 500 } }, 'input.keyFrameIntervalMs', 400],
  ['PATCH', '/channels/ch', { input: { ipAllow: 'all' } }, 'input.ipAllow', 400],
  ['PATCH', '/channels/ch', { name: 'renamed' }, 'name', 400],
];

for (const [method, url, body, field, status] of invalid) {
  test(`${method} ${url} ${JSON.stringify(body)} → ${status} naming ${field}`, async () => {
    const { call } = await buildTestApi();
    await call('POST', '/channels', { name: 'ch', input: { protocol: 'rtmp' } });
    const before = [(await call('GET', '/channels/ch')).body, (await call('GET', '/streaming-endpoints')).body];
    const res = await call(method as 'POST', url, body);
    assert.deepEqual([res.status, res.body.field], [status, field], JSON.stringify(res.body));
    assert.deepEqual([(await call('GET', '/channels/ch')).body, (await call('GET', '/streaming-endpoints')).body], before, 'nothing changed');
  });
}

test('PATCH /channels/{name}: token change while Running is 409, while Stopped it moves the ingest URLs', async () => {
  const { call } = await buildTestApi();
  await call('POST', '/channels', { name: 'ch', input: { protocol: 'rtmp' } });
  await call('POST', '/channels/ch/start');
  const token = 'fedcba9876543210fedcba9876543210';
  assert.deepEqual([(await call('PATCH', '/channels/ch', { input: { accessToken: token } })).body.code], ['ERR_CHANNEL_STATE']);
  await call('POST', '/channels/ch/stop');
  const res = await call('PATCH', '/channels/ch', { description: 'new', input: { accessToken: token } });
  assert.equal(res.status, 200);
  assert.equal(res.body.input.endpoints[0].url, `rtmp://media.test:1935/live/${token}`);
});

test('DELETE /assets/{name}: 409 while recorded, then 204 with its locators gone', async () => {
  const { call } = await buildTestApi();
  await call('POST', '/channels', { name: 'ch', input: { protocol: 'rtmp' } });
  await call('POST', '/channels/ch/start');
  await call('POST', '/channels/ch/programs', { name: 'show', archiveWindow: 'PT1H' });
  await call('POST', '/channels/ch/programs/show/start');
  const locator = (await call('POST', '/locators', { assetName: 'show' })).body;
  assert.deepEqual([(await call('DELETE', '/assets/show')).status, (await call('DELETE', '/assets/show')).body.code], [409, 'ERR_ASSET_STATE']);
  await call('POST', '/channels/ch/programs/show/stop');
  assert.equal((await call('DELETE', '/assets/show')).status, 204);
  assert.equal((await call('GET', `/locators/${locator.id}`)).status, 404);
  assert.equal((await call('DELETE', '/assets/show')).status, 404);
});
