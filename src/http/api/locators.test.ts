import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApi } from './test-api.js';

async function withAsset() {
  const api = await buildTestApi();
  await api.call('POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } });
  await api.call('POST', '/channels/ch1/programs', { name: 'p1', archiveWindow: 'PT1H', manifestName: 'show' });
  await api.call('POST', '/channels/ch1/start');
  await api.call('POST', '/channels/ch1/programs/p1/start');
  return api;
}

test('POST /locators returns playback URLs in every format on the default endpoint', async () => {
  const { call } = await withAsset();
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const res = await call('POST', '/locators', { assetName: 'p1', id });
  assert.equal(res.status, 201);
  assert.equal(res.headers.location, `/api/v1/locators/${id}`);
  const base = `http://media.test:8080/${id}/show.ism/manifest`;
  assert.deepEqual(res.body.urls, {
    smooth: base,
    hls: `${base}(format=m3u8-aapl)`,
    hlsV3: `${base}(format=m3u8-aapl-v3)`,
    hlsCmaf: `${base}(format=m3u8-cmaf)`,
    dash: `${base}(format=mpd-time-csf)`,
    dashCmaf: `${base}(format=mpd-time-cmaf)`,
    hds: `${base}(format=f4m-f4f)`,
  });
  assert.deepEqual((await call('GET', `/locators/${id}`)).body, res.body);
  assert.deepEqual((await call('GET', '/locators')).body, { value: [res.body] });
  assert.equal((await call('POST', '/locators', { assetName: 'p1', id })).body.code, 'ERR_ALREADY_EXISTS');
  assert.equal((await call('DELETE', `/locators/${id}`)).status, 204);
  assert.equal((await call('GET', `/locators/${id}`)).status, 404);
});

const refused: [string, unknown, number, string][] = [
  ['unknown asset', { assetName: 'nope' }, 404, 'assetName'],
  ['bad id', { assetName: 'p1', id: '1234' }, 400, 'id'],
  ['expiry before start', { assetName: 'p1', startTime: '2030-01-02T00:00:00Z', expiryTime: '2030-01-01T00:00:00Z' }, 400, 'expiryTime'],
  ['missing asset name', {}, 400, 'assetName'],
];

for (const [name, body, status, field] of refused) {
  test(`POST /locators: ${name} → ${status} naming ${field}`, async () => {
    const { call } = await withAsset();
    const res = await call('POST', '/locators', body);
    assert.deepEqual([res.status, res.body.field], [status, field]);
    assert.deepEqual((await call('GET', '/locators')).body.value, []);
  });
}

test('GET /streaming-endpoints lists the Running default on a fresh catalog', async () => {
  const { call } = await buildTestApi();
  const { value } = (await call('GET', '/streaming-endpoints')).body;
  assert.deepEqual(value.map((e: { name: string; state: string; url: string; scaleUnits: number }) => [e.name, e.state, e.url, e.scaleUnits]), [['default', 'Running', 'http://media.test:8080', 0]]);
  assert.equal((await call('GET', '/streaming-endpoints/default')).status, 200);
  assert.equal((await call('GET', '/streaming-endpoints/other')).status, 404);
});
