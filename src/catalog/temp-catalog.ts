import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Catalog } from './catalog.js';
import { ControlPlane } from './control-plane.js';
import { FakeChannelRuntime } from './fake-channel-runtime.js';
import { FakeStreamingEndpointRuntime } from './fake-streaming-endpoint-runtime.js';

/** For tests: a catalog on a real SQLite file in a fresh temp dir, with fake runtimes. */
export function openTempCatalog(dataDir = tempDataDir()) {
  const logger = pino({ level: 'silent' });
  const catalog = new Catalog({ dataDir, logger });
  const runtime = new FakeChannelRuntime();
  const endpointRuntime = new FakeStreamingEndpointRuntime();
  const control = new ControlPlane({ catalog, runtime, endpoints: endpointRuntime, logger });
  return { dataDir, logger, catalog, runtime, endpointRuntime, control };
}

/** For tests: channel ch1 Running with its program p1 recording into the live asset p1. */
export async function withRecordingAsset() {
  const env = openTempCatalog();
  env.catalog.createChannel({ name: 'ch1', input: { protocol: 'rtmp' } });
  env.catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT10M' });
  await env.control.startChannel('ch1');
  await env.control.startProgram('ch1', 'p1');
  return env;
}

/** A temp data directory under one per-process parent that is removed when the process exits. */
function tempDataDir(): string {
  return mkdtempSync(join(testRoot(), 'catalog-'));
}

let root: string | undefined;
function testRoot(): string {
  if (root === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-catalog-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    root = dir;
  }
  return root;
}
