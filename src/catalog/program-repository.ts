import type { Db } from './open-database.js';
import type { Program, ProgramError, ProgramState } from './program.js';

interface ProgramRow {
  channel: string;
  name: string;
  description: string;
  asset_name: string;
  archive_window: string;
  archive_window_ms: number;
  manifest_name: string;
  state: string;
  last_error: string | null;
  created: string;
  last_modified: string;
}

function toProgram(row: ProgramRow): Program {
  return {
    channel: row.channel,
    name: row.name,
    description: row.description,
    assetName: row.asset_name,
    archiveWindow: row.archive_window,
    archiveWindowMs: row.archive_window_ms,
    manifestName: row.manifest_name,
    state: row.state as ProgramState,
    ...(row.last_error ? { lastError: JSON.parse(row.last_error) as ProgramError } : {}),
    created: row.created,
    lastModified: row.last_modified,
  };
}

/** Rows of the programs table; rules live in Catalog. */
export class ProgramRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(channel: string, name: string): Program | undefined {
    const row = this.#db.prepare('SELECT * FROM programs WHERE channel = ? AND name = ?').get(channel, name) as ProgramRow | undefined;
    return row && toProgram(row);
  }

  byAsset(assetName: string): Program | undefined {
    const row = this.#db.prepare('SELECT * FROM programs WHERE asset_name = ?').get(assetName) as ProgramRow | undefined;
    return row && toProgram(row);
  }

  list(channel: string): Program[] {
    return (this.#db.prepare('SELECT * FROM programs WHERE channel = ? ORDER BY name').all(channel) as ProgramRow[]).map(toProgram);
  }

  all(): Program[] {
    return (this.#db.prepare('SELECT * FROM programs ORDER BY channel, name').all() as ProgramRow[]).map(toProgram);
  }

  insert(p: Program): void {
    this.#db
      .prepare(
        `INSERT INTO programs (channel, name, description, asset_name, archive_window, archive_window_ms, manifest_name, state, created, last_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.channel, p.name, p.description, p.assetName, p.archiveWindow, p.archiveWindowMs, p.manifestName, p.state, p.created, p.lastModified);
  }

  setState(channel: string, name: string, state: ProgramState, now: string): void {
    this.#db.prepare('UPDATE programs SET state = ?, last_modified = ? WHERE channel = ? AND name = ?').run(state, now, channel, name);
  }

  setError(channel: string, name: string, error: ProgramError | null): void {
    this.#db.prepare('UPDATE programs SET last_error = ? WHERE channel = ? AND name = ?').run(error && JSON.stringify(error), channel, name);
  }

  delete(channel: string, name: string): void {
    this.#db.prepare('DELETE FROM programs WHERE channel = ? AND name = ?').run(channel, name);
  }

  deleteAll(channel: string): void {
    this.#db.prepare('DELETE FROM programs WHERE channel = ?').run(channel);
  }
}
