import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Catalog } from './catalog.js';
import { ControlPlane } from './control-plane.js';
import { FakeChannelRuntime } from './fake-channel-runtime.js';

/** For tests: a catalog on a real SQLite file in a fresh temp dir, with a fake runtime. */
export function openTempCatalog(dataDir = mkdtempSync(join(tmpdir(), 'tributary-catalog-'))) {
  const logger = pino({ level: 'silent' });
  const catalog = new Catalog({ dataDir, logger });
  const runtime = new FakeChannelRuntime();
  const control = new ControlPlane({ catalog, runtime, logger });
  return { dataDir, logger, catalog, runtime, control };
}
