// Every route's success path through HTTP, each on a fresh world, its response checked against
// the schema the OpenAPI document gives for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { buildWorld, fillUrl, LOCATOR_ID, type TestApi } from './build-world.js';
import { VALID_BODIES } from './valid-bodies.js';
import { apiRoutes } from './register-api.js';
import { validateJson } from './validate-json.js';

interface Case {
  params?: Record<string, string>;
  body?: unknown;
  /** Requests run first, each expected to succeed. */
  before?: [HTTPMethods, string, unknown?][];
  /** What the world looks like afterwards. */
  after?: (api: TestApi, body: Record<string, unknown>) => Promise<void>;
}

const state = async (api: TestApi, url: string) => (await api.call('GET', url)).body.state;

const CASES: Record<string, Case> = {
  createChannel: { ...VALID_BODIES.createChannel, after: async (api) => assert.equal(await state(api, '/channels/ch2'), 'Stopped') },
  listChannels: { after: async (_api, body) => assert.deepEqual((body.value as { name: string }[]).map((c) => c.name), ['ch1']) },
  getChannel: { after: async (_api, body) => assert.equal(body.state, 'Running') },
  deleteChannel: { params: { name: 'ch2' }, before: [['POST', '/channels', { name: 'ch2', input: { protocol: 'fmp4' } }]], after: async (api) => assert.equal((await api.call('GET', '/channels/ch2')).status, 404) },
  startChannel: { params: { name: 'ch2' }, before: [['POST', '/channels', { name: 'ch2', input: { protocol: 'rtmp' } }]], after: async (api) => assert.equal(await state(api, '/channels/ch2'), 'Running') },
  stopChannel: { before: [['POST', '/channels/ch1/programs/p1/stop']], after: async (api) => assert.equal(await state(api, '/channels/ch1'), 'Stopped') },
  resetChannel: { after: async (api) => assert.deepEqual(api.runtime.calls.slice(-1), ['resetChannel ch1']) },
  getChannelIngest: { after: async (_api, body) => assert.equal(body.channel, 'ch1') },
  createProgram: { ...VALID_BODIES.createProgram, after: async (api) => assert.equal(await state(api, '/channels/ch1/programs/p2'), 'Stopped') },
  listPrograms: { after: async (_api, body) => assert.equal((body.value as unknown[]).length, 1) },
  getProgram: { after: async (_api, body) => assert.equal(body.state, 'Running') },
  deleteProgram: { params: { name: 'p2' }, before: [['POST', '/channels/ch1/programs', { name: 'p2', archiveWindow: 'PT1H' }]], after: async (api) => assert.equal((await api.call('GET', '/channels/ch1/programs/p2')).status, 404) },
  startProgram: { params: { name: 'p2' }, before: [['POST', '/channels/ch1/programs', { name: 'p2', archiveWindow: 'PT1H' }]], after: async (api) => assert.equal(await state(api, '/assets/p2'), 'live') },
  stopProgram: { after: async (api) => assert.equal(await state(api, '/assets/p1'), 'ready') },
  listAssets: { after: async (_api, body) => assert.equal((body.value as unknown[]).length, 1) },
  getAsset: { after: async (_api, body) => assert.equal(body.state, 'live') },
  createLocator: { ...VALID_BODIES.createLocator, after: async (api) => assert.equal((await api.call('GET', '/locators')).body.value.length, 2) },
  listLocators: { after: async (_api, body) => assert.deepEqual((body.value as { id: string }[]).map((l) => l.id), [LOCATOR_ID]) },
  getLocator: { after: async (_api, body) => assert.equal(body.assetName, 'p1') },
  deleteLocator: { after: async (api) => assert.equal((await api.call('GET', `/locators/${LOCATOR_ID}`)).status, 404) },
  createAssetFilter: {
    ...VALID_BODIES.createAssetFilter,
    after: async (api) => assert.deepEqual((await api.call('GET', '/assets/p1/filters')).body.value.map((f: { name: string }) => f.name), ['f1', 'f2']),
  },
  listAssetFilters: { after: async (_api, body) => assert.deepEqual((body.value as { name: string }[]).map((f) => f.name), ['f1']) },
  getAssetFilter: { after: async (_api, body) => assert.deepEqual(body.tracks, [{ trackSelections: [{ property: 'Type', operation: 'Equal', value: 'video' }] }]) },
  updateAssetFilter: { ...VALID_BODIES.updateAssetFilter, after: async (_api, body) => assert.deepEqual(body.firstQuality, { bitrate: 800_000 }) },
  deleteAssetFilter: {
    params: { filter: 'f2' },
    before: [['POST', '/assets/p1/filters', { name: 'f2' }]],
    after: async (api) => assert.equal((await api.call('GET', '/assets/p1/filters/f2')).status, 404),
  },
  listStreamingEndpoints: { after: async (_api, body) => assert.ok((body.value as { name: string }[]).some((e) => e.name === 'default')) },
  getStreamingEndpoint: { after: async (_api, body) => assert.equal(body.name, 'default') },
  updateChannel: { ...VALID_BODIES.updateChannel, after: async (api) => assert.equal((await api.call('GET', '/channels/ch1')).body.description, 'Renamed') },
  deleteAsset: {
    before: [['POST', '/channels/ch1/programs/p1/stop']],
    after: async (api) => assert.deepEqual([(await api.call('GET', '/assets/p1')).status, (await api.call('GET', `/locators/${LOCATOR_ID}`)).status], [404, 404]),
  },
  createStreamingEndpoint: { ...VALID_BODIES.createStreamingEndpoint, after: async (api) => assert.equal(await state(api, '/streaming-endpoints/edge2'), 'Stopped') },
  updateStreamingEndpoint: { ...VALID_BODIES.updateStreamingEndpoint, after: async (api) => assert.equal((await api.call('GET', '/streaming-endpoints/edge')).body.port, 9003) },
  deleteStreamingEndpoint: { params: { name: 'edge' }, after: async (api) => assert.equal((await api.call('GET', '/streaming-endpoints/edge')).status, 404) },
  startStreamingEndpoint: { params: { name: 'edge' }, after: async (api) => assert.deepEqual([await state(api, '/streaming-endpoints/edge'), api.endpointRuntime.calls], ['Running', ['startEndpoint edge']]) },
  stopStreamingEndpoint: { params: { name: 'edge' }, before: [['POST', '/streaming-endpoints/edge/start']], after: async (api) => assert.equal(await state(api, '/streaming-endpoints/edge'), 'Stopped') },
  scaleStreamingEndpoint: { ...VALID_BODIES.scaleStreamingEndpoint, after: async (api) => assert.equal((await api.call('GET', '/streaming-endpoints/default')).body.scaleUnits, 3) },
  getHealth: { after: async (_api, body) => assert.ok((body.memory as { rss: number }).rss > 0 && (body.activeResources as object) !== undefined) },
  rotateApiKey: {
    after: async (api, body) => {
      assert.match(String(body.apiKey), /^[0-9a-f]{64}$/);
      assert.equal((await api.call('GET', '/channels')).status, 403, 'the old key is refused at once');
      const fresh = await api.app.inject({ method: 'GET', url: '/api/v1/channels', headers: { authorization: `Bearer ${body.apiKey}` } });
      assert.equal(fresh.statusCode, 200);
    },
  },
  signPlaybackUrls: {
    ...VALID_BODIES.signPlaybackUrls,
    after: async (_api, body) => {
      const urls = body.urls as Record<string, string>;
      assert.match(urls.hls, new RegExp(`^http://media\\.test:9000/signed/k1\\.4070908800\\.[A-Za-z0-9_-]{43}/${LOCATOR_ID}/ch1\\.ism/manifest\\(format=m3u8-aapl\\)$`));
      assert.equal(body.expiryTime, '2099-01-01T00:00:00.000Z');
    },
  },
  getOpenApi: { after: async (_api, body) => assert.equal(body.openapi, '3.1.0') },
  getApiReference: {},
};

test('every operation has a success case', () => {
  assert.deepEqual(apiRoutes().map((r) => r.operationId).filter((id) => !CASES[id]), []);
});

for (const route of apiRoutes()) {
  const c = CASES[route.operationId];
  if (!c) continue;
  test(`${route.operationId}: ${route.method} ${route.url} → ${route.success.status}`, async () => {
    const api = await buildWorld();
    for (const [method, url, body] of c.before ?? []) assert.ok((await api.call(method, url, body)).status < 300, `${method} ${url}`);
    const res = await api.call(route.method as HTTPMethods, fillUrl(route, c.params), c.body);
    assert.equal(res.status, route.success.status, JSON.stringify(res.body));
    if (route.success.schema) {
      if ((route.success.contentType ?? 'application/json') === 'application/json') assert.deepEqual(validateJson(route.success.schema, res.body), [], 'the response matches its documented schema');
      else assert.match(String(res.headers['content-type']), new RegExp(`^${route.success.contentType}`));
    } else assert.equal(res.body, undefined);
    await c.after?.(api, res.body);
  });
}
