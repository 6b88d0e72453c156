import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { TributaryError } from '../util/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

/** Opens `<dataDir>/catalog.db` (creating both), in WAL mode, migrated to the newest schema. */
export function openDatabase(dataDir: string, logger: Logger, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'catalog.db'));
  try {
    // WAL lets the origin read while the API writes; NORMAL sync is durable across process
    // crashes, which is what a restart needs; a busy timeout covers a second process (the CLI).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, logger, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Db, logger: Logger, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL) STRICT');
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new TributaryError('ERR_CONFIG', `the catalog was written by a newer Tributary (schema ${current}, this one knows ${newest})`, { schema: current });
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    logger.info({ version: m.version, migration: m.name }, 'catalog migrated');
  }
}
