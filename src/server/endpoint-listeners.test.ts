import assert from 'node:assert/strict';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { openTempCatalog } from '../catalog/temp-catalog.js';
import { ControlPlane } from '../catalog/control-plane.js';
import { FakeChannelRuntime } from '../catalog/fake-channel-runtime.js';
import { LiveRegistry } from '../live/live-registry.js';
import { systemClock } from '../model/time.js';
import { MemoryFragmentStore } from '../store/memory-fragment-store.js';
import { EndpointListeners } from './endpoint-listeners.js';
import { createOriginApp } from './origin-app.js';
import { CatalogPlaybackResolver } from './playback-resolver.js';

/** A port that was free a moment ago: listen on 0, read it, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function connect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** The real wiring of server.ts, on 127.0.0.1, with an in-memory store. */
function setup() {
  const env = openTempCatalog();
  const store = new MemoryFragmentStore();
  const registry = new LiveRegistry({ store, clock: systemClock, log: env.logger });
  const listeners = new EndpointListeners({
    host: '127.0.0.1',
    createApp: (name) =>
      createOriginApp({ resolver: new CatalogPlaybackResolver(env.catalog, registry, systemClock), store, clock: systemClock, endpoint: () => env.catalog.getStreamingEndpoint(name) }, env.logger),
    logger: env.logger,
  });
  const control = new ControlPlane({ catalog: env.catalog, runtime: new FakeChannelRuntime(), endpoints: listeners, logger: env.logger });
  return { ...env, listeners, control };
}

const PLAYBACK = '/0f8fad5b-d9cb-469f-a165-70867728950e/show.ism/manifest(format=m3u8-aapl)';

test('a started endpoint serves the origin on its own port; ipAllow and cors apply at once; stop closes the port', async () => {
  const { catalog, control } = setup();
  const port = await freePort();
  catalog.createStreamingEndpoint({ name: 'edge', port });
  assert.equal((await control.startStreamingEndpoint('edge')).state, 'Running');
  const url = `http://127.0.0.1:${port}${PLAYBACK}`;

  const unknown = await fetch(url);
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.headers.get('content-type')), /^application\/problem\+json/);
  assert.equal(((await unknown.json()) as { code: string }).code, 'ERR_NOT_FOUND');
  assert.equal(unknown.headers.get('access-control-allow-origin'), '*');
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/v1/channels`)).status, 404, 'no API on an endpoint port');

  catalog.updateStreamingEndpoint('edge', { cors: { allowOrigins: ['https://player.example.com'] } });
  const cors = await fetch(url, { headers: { origin: 'https://player.example.com' } });
  assert.equal(cors.headers.get('access-control-allow-origin'), 'https://player.example.com');
  const otherOrigin = await fetch(url, { headers: { origin: 'https://evil.example.com' } });
  assert.equal(otherOrigin.headers.get('access-control-allow-origin'), null);

  catalog.updateStreamingEndpoint('edge', { ipAllow: [{ address: '192.0.2.0', prefixLength: 24 }] });
  const denied = await fetch(url);
  assert.equal(denied.status, 403);
  const problem = (await denied.json()) as { code: string; detail: string };
  assert.equal(problem.code, 'ERR_IP_DENIED');
  assert.match(problem.detail, /127\.0\.0\.1.*"edge"/);
  catalog.updateStreamingEndpoint('edge', { ipAllow: [{ address: '127.0.0.0', prefixLength: 8 }] });
  assert.equal((await fetch(url)).status, 404, 'allowed again');

  assert.equal((await control.stopStreamingEndpoint('edge')).state, 'Stopped');
  // A fresh TCP connection (fetch would reuse its pooled keep-alive socket, which the close ended).
  await assert.rejects(connect(port), { code: 'ECONNREFUSED' });
});

test('a port already in use fails the start with ERR_PORT_IN_USE naming it; the endpoint stays Stopped', async () => {
  const { catalog, control } = setup();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const { port } = squatter.address() as AddressInfo;
  try {
    catalog.createStreamingEndpoint({ name: 'edge', port });
    await assert.rejects(control.startStreamingEndpoint('edge'), (err: Error & { code: string }) => err.code === 'ERR_PORT_IN_USE' && err.message.includes(String(port)));
    assert.equal(catalog.requireStreamingEndpoint('edge').state, 'Stopped');
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
  assert.equal((await control.startStreamingEndpoint('edge')).state, 'Running', 'once the port is free the start succeeds');
  await control.stopStreamingEndpoint('edge');
});
