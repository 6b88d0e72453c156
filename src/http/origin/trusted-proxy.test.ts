import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import type { StreamingEndpoint } from '../../catalog/streaming-endpoint.js';
import { systemClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import type { CidrRange } from '../../util/ip-cidr.js';
import { trustProxyFunction } from '../../util/trusted-proxies.js';
import { FIXTURE_BASE } from './fixture-origin.js';
import { registerOrigin } from './origin-routes.js';

const endpoint = { name: 'default', ipAllow: [{ address: '203.0.113.0', prefixLength: 24 }] } as StreamingEndpoint;

/** The origin behind a load balancer at 10.0.0.5, with an endpoint that lets in 203.0.113.0/24 only. */
function origin(trusted: CidrRange[]) {
  const app = Fastify({ trustProxy: trustProxyFunction(trusted) });
  const source = { presentation: livePresentation(), namespace: 'ns', cacheScope: 'x' };
  registerOrigin(app, {
    resolver: { byLocator: async () => ({ ok: true, source }), preview: async () => ({ ok: false, reason: 'none' }) },
    store: new MemoryFragmentStore(),
    clock: systemClock,
    endpoint: () => endpoint,
  });
  return (remoteAddress: string, xff?: string) =>
    app.inject({ method: 'GET', url: `${FIXTURE_BASE}manifest(format=m3u8-cmaf)`, remoteAddress, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }).then((r) => r.statusCode);
}

test('without trusted proxies X-Forwarded-For is ignored: a client cannot claim an allowed address', async () => {
  const get = origin([]);
  assert.equal(await get('198.51.100.7', '203.0.113.9'), 403);
  assert.equal(await get('203.0.113.9'), 200);
  assert.equal(await get('10.0.0.5', '203.0.113.9'), 403, 'the balancer itself is the client');
});

test('behind a trusted proxy the client is the nearest untrusted address of X-Forwarded-For', async () => {
  const get = origin([{ address: '10.0.0.0', prefixLength: 8 }]);
  assert.equal(await get('10.0.0.5', '203.0.113.9'), 200);
  assert.equal(await get('10.0.0.5', '198.51.100.7'), 403);
  // A client prepends a forged allowed address; the proxy appends the real one: the real one counts.
  assert.equal(await get('10.0.0.5', '203.0.113.9, 198.51.100.7'), 403);
  assert.equal(await get('10.0.0.5', '198.51.100.7, 203.0.113.9, 10.0.0.9'), 200, 'a chain of trusted proxies is walked');
  assert.equal(await get('198.51.100.7', '203.0.113.9'), 403, 'a peer that is not a trusted proxy is not believed');
  assert.equal(await get('10.0.0.5'), 403, 'no header: the proxy is the client');
});
