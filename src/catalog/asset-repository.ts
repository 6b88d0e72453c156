import type { Asset, AssetState, AssetStats } from './asset.js';
import type { Db } from './open-database.js';

interface AssetRow {
  name: string;
  state: string;
  channel: string;
  program: string;
  manifest_name: string;
  duration_ms: number;
  size_bytes: number;
  tracks: string;
  start_timestamp: number | null;
  end_timestamp: number | null;
  created: string;
  last_modified: string;
}

function toAsset(row: AssetRow): Asset {
  return {
    name: row.name,
    state: row.state as AssetState,
    created: row.created,
    lastModified: row.last_modified,
    channel: row.channel,
    program: row.program,
    manifestName: row.manifest_name,
    durationMs: row.duration_ms,
    sizeBytes: row.size_bytes,
    tracks: JSON.parse(row.tracks),
    ...(row.start_timestamp === null ? {} : { startTimestamp: row.start_timestamp }),
    ...(row.end_timestamp === null ? {} : { endTimestamp: row.end_timestamp }),
  };
}

/** Rows of the assets table; rules live in Catalog. */
export class AssetRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(name: string): Asset | undefined {
    const row = this.#db.prepare('SELECT * FROM assets WHERE name = ?').get(name) as AssetRow | undefined;
    return row && toAsset(row);
  }

  list(): Asset[] {
    return (this.#db.prepare('SELECT * FROM assets ORDER BY name').all() as AssetRow[]).map(toAsset);
  }

  /** Inserts, or replaces the recording fields of an existing asset while keeping its stats. */
  upsert(a: Asset): void {
    this.#db
      .prepare(
        `INSERT INTO assets (name, state, channel, program, manifest_name, duration_ms, size_bytes, tracks, created, last_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET state = excluded.state, channel = excluded.channel, program = excluded.program,
           manifest_name = excluded.manifest_name, last_modified = excluded.last_modified`,
      )
      .run(a.name, a.state, a.channel, a.program, a.manifestName, a.durationMs, a.sizeBytes, JSON.stringify(a.tracks), a.created, a.lastModified);
  }

  setState(name: string, state: AssetState, now: string): void {
    this.#db.prepare('UPDATE assets SET state = ?, last_modified = ? WHERE name = ?').run(state, now, name);
  }

  /** Returns false when the asset does not exist. */
  setStats(name: string, stats: AssetStats, now: string): boolean {
    const result = this.#db
      .prepare(
        `UPDATE assets SET duration_ms = coalesce(?, duration_ms), size_bytes = coalesce(?, size_bytes),
           tracks = coalesce(?, tracks), start_timestamp = coalesce(?, start_timestamp), end_timestamp = coalesce(?, end_timestamp),
           last_modified = ? WHERE name = ?`,
      )
      .run(
        stats.durationMs ?? null,
        stats.sizeBytes ?? null,
        stats.tracks === undefined ? null : JSON.stringify(stats.tracks),
        stats.startTimestamp ?? null,
        stats.endTimestamp ?? null,
        now,
        name,
      );
    return result.changes > 0;
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM assets WHERE name = ?').run(name);
  }
}
