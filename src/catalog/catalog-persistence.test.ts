import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { pino } from 'pino';
import { TributaryError } from '../util/errors.js';
import { Catalog } from './catalog.js';
import { openTempCatalog } from './temp-catalog.js';

test('everything survives closing and reopening the database file', async () => {
  const first = openTempCatalog();
  const { catalog, control } = first;
  const ch = catalog.createChannel({ name: 'ch1', input: { protocol: 'fmp4', ipAllow: [{ address: '192.168.0.0', prefixLength: 16 }] }, preview: { ipAllow: [] } });
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT30M', manifestName: 'show' });
  await control.startChannel('ch1');
  await control.startProgram('ch1', 'p1');
  catalog.updateAssetStats('p1', { durationMs: 6000, sizeBytes: 123, tracks: [{ id: 'audio', type: 'audio', codec: 'mp4a.40.2', bitrate: 128000, sampleRate: 48000, channels: 2, language: 'en' }] });
  const locator = catalog.createLocator({ assetName: 'p1' });
  const snapshot = { channels: catalog.listChannels(), programs: catalog.listPrograms('ch1'), assets: catalog.listAssets(), locators: catalog.listLocators() };
  catalog.close();

  const second = openTempCatalog(first.dataDir).catalog;
  assert.deepEqual({ channels: second.listChannels(), programs: second.listPrograms('ch1'), assets: second.listAssets(), locators: second.listLocators() }, snapshot);
  assert.deepEqual(second.findChannelByAccessToken(ch.input.accessToken)?.preview.ipAllow, []);
  assert.equal(second.getLocator(locator.id)?.assetName, 'p1');
  second.close();
});

test('the database is in WAL mode with migrations recorded once', () => {
  const { catalog, dataDir } = openTempCatalog();
  catalog.close();
  openTempCatalog(dataDir).catalog.close();
  const db = new Database(join(dataDir, 'catalog.db'), { readonly: true });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
  db.close();
});

test('a catalog written by a newer version is refused, not rewritten', () => {
  const { catalog, dataDir } = openTempCatalog();
  catalog.close();
  const db = new Database(join(dataDir, 'catalog.db'));
  db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
  db.close();
  assert.throws(() => new Catalog({ dataDir, logger: pino({ level: 'silent' }) }), (err: unknown) => err instanceof TributaryError && err.code === 'ERR_CONFIG' && /999/.test(err.message));
});
