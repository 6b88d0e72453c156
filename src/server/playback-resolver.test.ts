import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { Catalog } from '../catalog/catalog.js';
import { ControlPlane } from '../catalog/control-plane.js';
import { FakeStreamingEndpointRuntime } from '../catalog/fake-streaming-endpoint-runtime.js';
import { LiveRegistry } from '../live/live-registry.js';
import { ManualClock } from '../model/time.js';
import { MemoryFragmentStore } from '../store/memory-fragment-store.js';
import { LiveRuntime } from './live-runtime.js';
import { CatalogPlaybackResolver } from './playback-resolver.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-resolver-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The real catalog, control plane, live runtime and registry; only the clock is a hand-moved one.
test('a locator resolves to its program only between its start and expiry times, and only by its manifest name', async () => {
  const clock = new ManualClock(Date.parse('2026-06-01T12:00:00Z'));
  const logger = pino({ level: 'silent' });
  const catalog = new Catalog({ dataDir: dir, logger, now: () => new Date(clock.now()) });
  const registry = new LiveRegistry({ store: new MemoryFragmentStore(), clock, log: logger });
  const control = new ControlPlane({ catalog, runtime: new LiveRuntime(registry), endpoints: new FakeStreamingEndpointRuntime(), logger });
  catalog.createChannel({ name: 'ch', input: { protocol: 'rtmp' } });
  await control.startChannel('ch');
  catalog.createProgram('ch', { name: 'show', archiveWindow: 'PT10M', manifestName: 'event' });
  await control.startProgram('ch', 'show');
  const windowed = catalog.createLocator({ assetName: 'show', startTime: '2026-06-01T13:00:00Z', expiryTime: '2026-06-01T14:00:00Z' });
  const resolver = new CatalogPlaybackResolver(catalog, registry, clock);

  assert.equal((await resolver.byLocator(windowed.id, 'event')).ok, false, 'before its start time');
  clock.set(Date.parse('2026-06-01T13:30:00Z'));
  const inside = await resolver.byLocator(windowed.id, 'event');
  assert.ok(inside.ok && inside.source.namespace === 'asset-show' && inside.source.presentation.ended === false);
  assert.equal((await resolver.byLocator(windowed.id.toUpperCase(), 'EVENT')).ok, true, 'ids and manifest names are case-insensitive');
  assert.equal((await resolver.byLocator(windowed.id, 'ch')).ok, false, 'the wrong manifest name');
  clock.set(Date.parse('2026-06-01T14:00:00Z'));
  assert.equal((await resolver.byLocator(windowed.id, 'event')).ok, false, 'at its expiry time');
  assert.equal((await resolver.byLocator('not-a-uuid', 'event')).ok, false);

  const open = catalog.createLocator({ assetName: 'show' });
  await control.stopProgram('ch', 'show');
  const onDemand = await resolver.byLocator(open.id, 'event');
  assert.ok(onDemand.ok && onDemand.source.presentation.ended, 'after stop the asset plays on demand');
  catalog.close();
});
