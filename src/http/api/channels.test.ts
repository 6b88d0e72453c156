import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApi } from './test-api.js';

test('POST /channels creates a Stopped channel with ingest and preview URLs', async () => {
  const { call } = await buildTestApi();
  const res = await call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp', accessToken: 'abcdef0123456789abcdef0123456789' } });
  assert.equal(res.status, 201);
  assert.equal(res.headers.location, '/api/v1/channels/ch1');
  assert.equal(res.body.state, 'Stopped');
  assert.equal(res.body.input.keyFrameIntervalMs, 2000);
  assert.deepEqual(res.body.input.endpoints, [
    { protocol: 'rtmp', url: 'rtmp://media.test:1935/live/abcdef0123456789abcdef0123456789' },
    { protocol: 'rtmp', url: 'rtmp://media.test:1936/live/abcdef0123456789abcdef0123456789' },
  ]);
  assert.deepEqual(res.body.preview.endpoints, [{ protocol: 'smooth', url: 'http://media.test:8080/preview/ch1/preview.ism/manifest' }]);
  assert.deepEqual((await call('GET', '/channels/ch1')).body, res.body);
  assert.deepEqual((await call('GET', '/channels')).body, { value: [res.body] });
});

test('an fmp4 channel gets Smooth ingest URLs', async () => {
  const { call } = await buildTestApi();
  const res = await call('POST', '/channels', { name: 'sm', input: { protocol: 'fmp4' } });
  const token = res.body.input.accessToken;
  assert.match(token, /^[0-9a-f]{32}$/);
  assert.deepEqual(res.body.input.endpoints.map((e: { url: string }) => e.url), [
    `http://media.test:8080/ingest/sm/${token}/ingest.isml`,
    `http://media.test:8080/ingest/sm/${token}/ingest-secondary.isml`,
  ]);
});

test('channel lifecycle over HTTP: start, stop, reset, delete and their conflicts', async () => {
  const { call, runtime } = await buildTestApi();
  await call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } });
  assert.equal((await call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } })).body.code, 'ERR_ALREADY_EXISTS');
  assert.equal((await call('POST', '/channels/ch1/stop')).status, 409);
  const started = await call('POST', '/channels/ch1/start');
  assert.deepEqual([started.status, started.body.state], [200, 'Running']);
  const again = await call('POST', '/channels/ch1/start');
  assert.deepEqual([again.status, again.body.code], [409, 'ERR_CHANNEL_STATE']);
  assert.equal((await call('DELETE', '/channels/ch1')).status, 409);
  assert.deepEqual((await call('GET', '/channels/ch1/ingest')).body, { channel: 'ch1', encoders: [] });
  assert.equal((await call('POST', '/channels/ch1/reset')).body.state, 'Running');
  assert.equal((await call('POST', '/channels/ch1/stop')).body.state, 'Stopped');
  assert.equal((await call('DELETE', '/channels/ch1')).status, 204);
  assert.equal((await call('GET', '/channels/ch1')).status, 404);
  assert.deepEqual(runtime.calls, ['startChannel ch1', 'resetChannel ch1', 'stopChannel ch1']);
});

test('two concurrent starts: one 200, one 409', async () => {
  const { call, runtime } = await buildTestApi();
  await call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } });
  const release = runtime.hold();
  const first = call('POST', '/channels/ch1/start');
  const second = call('POST', '/channels/ch1/start');
  const settled = await Promise.race([first, second]);
  assert.deepEqual([settled.status, settled.body.code], [409, 'ERR_CHANNEL_STATE']);
  release();
  assert.deepEqual([(await first).status, (await second).status].sort(), [200, 409]);
  assert.equal((await call('GET', '/channels/ch1')).body.state, 'Running');
});

test('a runtime failure is a 500 without internals, and the channel stays Stopped', async () => {
  const { call, runtime } = await buildTestApi();
  await call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } });
  runtime.failing.add('startChannel');
  const res = await call('POST', '/channels/ch1/start');
  assert.deepEqual([res.status, res.body.code], [500, 'ERR_INTERNAL']);
  assert.ok(!res.body.detail.includes('fake'));
  assert.equal((await call('GET', '/channels/ch1')).body.state, 'Stopped');
});
