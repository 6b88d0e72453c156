import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import type { StreamingEndpoint } from '../../catalog/streaming-endpoint.js';
import { ManualClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { FIXTURE_BASE } from './fixture-origin.js';
import { registerOrigin } from './origin-routes.js';
import { signToken, type SigningKey } from './url-signature.js';

const KEY: SigningKey = { id: 'k1', base64Key: Buffer.alloc(32, 1).toString('base64') };
const LOCATOR = FIXTURE_BASE.split('/')[1];
const NOW = Date.UTC(2030, 0, 1);

function origin(endpoint: Partial<StreamingEndpoint>) {
  const clock = new ManualClock(NOW);
  const app = Fastify();
  const source = { presentation: livePresentation(), namespace: 'ns', cacheScope: 'x' };
  registerOrigin(app, {
    resolver: { byLocator: async () => ({ ok: true, source }), preview: async () => ({ ok: false, reason: 'none' }) },
    store: new MemoryFragmentStore(),
    clock,
    endpoint: () => ({ name: 'edge', ...endpoint }) as StreamingEndpoint,
  });
  const get = (url: string) => app.inject({ method: 'GET', url });
  return { get, clock };
}

test('an endpoint with signing keys serves signed URLs only, and relative URLs in its manifests carry the token', async () => {
  const { get, clock } = origin({ urlSigning: { keys: [KEY] } });
  const unsigned = await get(`${FIXTURE_BASE}manifest(format=m3u8-cmaf)`);
  assert.deepEqual([unsigned.statusCode, unsigned.json().code, unsigned.headers['cache-control']], [403, 'ERR_URL_SIGNATURE', 'no-store']);

  const token = signToken(KEY, LOCATOR, NOW / 1000 + 60);
  const manifestUrl = `/signed/${token}${FIXTURE_BASE}manifest(format=m3u8-cmaf)`;
  const manifest = await get(manifestUrl);
  assert.equal(manifest.statusCode, 200);
  // A player resolves the playlist URI against the manifest URL: the token stays in the path.
  const playlist = new URL(manifest.body.split('\n').find((l) => l.startsWith('QualityLevels('))!, `http://x${manifestUrl}`);
  assert.ok(playlist.pathname.startsWith(`/signed/${token}/`));
  assert.equal((await get(playlist.pathname)).statusCode, 200);
  const dash = await get(`/signed/${token}${FIXTURE_BASE}manifest(format=mpd-time-cmaf)`);
  assert.equal(dash.statusCode, 200);

  clock.advance(60_000);
  const expired = await get(manifestUrl);
  assert.equal(expired.statusCode, 403);
  assert.match(expired.json().detail, /expired/);
  const other = signToken(KEY, '00000000-0000-4000-8000-000000000000', NOW / 1000 + 3600);
  assert.equal((await get(`/signed/${other}${FIXTURE_BASE}manifest(format=m3u8-cmaf)`)).statusCode, 403, 'a token for another locator');
});

test('without keys, unsigned URLs play and signed ones are 404', async () => {
  const { get } = origin({});
  assert.equal((await get(`${FIXTURE_BASE}manifest(format=m3u8-cmaf)`)).statusCode, 200);
  const token = signToken(KEY, LOCATOR, NOW / 1000 + 60);
  assert.equal((await get(`/signed/${token}${FIXTURE_BASE}manifest(format=m3u8-cmaf)`)).statusCode, 404);
});
