import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { buildTestApi } from '../api/test-api.js';
import { registerOrigin } from './origin-routes.js';
import type { PlaybackResolver } from './playback-source.js';

const nothing: PlaybackResolver = {
  byLocator: async () => ({ ok: false, reason: 'unknown locator' }),
  preview: async () => ({ ok: false, reason: 'the channel is not running' }),
};

/** The main port as server.ts builds it: the API and the default endpoint's origin on one app. */
async function mainPort() {
  const api = await buildTestApi();
  registerOrigin(api.app, {
    resolver: nothing,
    store: new MemoryFragmentStore(),
    clock: systemClock,
    endpoint: () => api.catalog.getStreamingEndpoint('default'),
    previewAllow: (channel) => api.catalog.getChannel(channel)?.preview.ipAllow,
  });
  const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers });
  return { ...api, get };
}

const PLAYBACK = '/0f8fad5b-d9cb-469f-a165-70867728950e/show.ism/manifest(format=m3u8-aapl)';

test("default's ipAllow, PATCHed through the API, guards playback on the main port but never the API", async () => {
  const { call, get } = await mainPort();
  assert.equal((await get(PLAYBACK)).statusCode, 404);
  const patched = await call('PATCH', '/streaming-endpoints/default', { ipAllow: [{ address: '10.0.0.0', prefixLength: 8 }], scaleUnits: 2 });
  assert.deepEqual([patched.status, patched.body.state, patched.body.scaleUnits], [200, 'Running', 2]);
  for (const url of [PLAYBACK, '/time', '/preview/ch/preview.ism/manifest(format=m3u8-aapl)', '/crossdomain.xml']) {
    const res = await get(url);
    assert.equal(res.statusCode, 403, url);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual([res.json().code, res.json().status, res.headers['cache-control']], ['ERR_IP_DENIED', 403, 'no-store']);
  }
  assert.equal((await call('GET', '/channels')).status, 200, 'the API is not filtered');
  assert.equal((await call('PATCH', '/streaming-endpoints/default', { ipAllow: [] })).body.ipAllow.length, 0);
  assert.equal((await get(PLAYBACK)).statusCode, 403, 'an empty list allows nobody');
  assert.equal((await call('PATCH', '/streaming-endpoints/default', { ipAllow: null })).body.ipAllow, undefined);
  assert.equal((await get(PLAYBACK)).statusCode, 404, 'no list allows all');
});

test('preview.ipAllow guards the channel preview', async () => {
  const { call, get } = await mainPort();
  await call('POST', '/channels', { name: 'ch', input: { protocol: 'rtmp' }, preview: { ipAllow: [{ address: '2001:db8::', prefixLength: 32 }] } });
  const preview = '/preview/ch/preview.ism/manifest(format=m3u8-aapl)';
  assert.equal((await get(preview)).json().code, 'ERR_IP_DENIED');
  await call('PATCH', '/channels/ch', { preview: { ipAllow: [{ address: '::ffff:127.0.0.1', prefixLength: 128 }] } });
  assert.equal((await get(preview)).statusCode, 404, 'allowed: the channel is just not running');
});

test('cors.allowOrigins replaces * (a listed Origin is echoed, with Vary: Origin); the API gets no CORS header', async () => {
  const { call, get } = await mainPort();
  assert.equal((await get(PLAYBACK)).headers['access-control-allow-origin'], '*');
  await call('PATCH', '/streaming-endpoints/default', { cors: { allowOrigins: ['https://player.example.com'] } });
  const listed = await get(PLAYBACK, { origin: 'https://player.example.com' });
  assert.deepEqual([listed.headers['access-control-allow-origin'], listed.headers.vary], ['https://player.example.com', 'Origin']);
  assert.equal((await get(PLAYBACK, { origin: 'https://other.example.com' })).headers['access-control-allow-origin'], undefined);
  assert.equal((await call('GET', '/channels')).headers['access-control-allow-origin'], undefined);
});

test('cross-site policy files are served per endpoint, 404 until set', async () => {
  const { call, get } = await mainPort();
  assert.equal((await get('/clientaccesspolicy.xml')).statusCode, 404);
  await call('PATCH', '/streaming-endpoints/default', { crossSiteAccessPolicies: { crossDomainPolicy: '<cross-domain-policy/>' } });
  const res = await get('/crossdomain.xml');
  assert.deepEqual([res.statusCode, res.body, String(res.headers['content-type']).startsWith('text/xml')], [200, '<cross-domain-policy/>', true]);
  assert.equal((await get('/clientaccesspolicy.xml')).statusCode, 404);
});
