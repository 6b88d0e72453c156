import { filterDefinition, type AssetFilter } from './asset-filter.js';
import type { Db } from './open-database.js';

interface AssetFilterRow {
  asset_name: string;
  name: string;
  definition: string;
  created: string;
  last_modified: string;
}

function toAssetFilter(row: AssetFilterRow): AssetFilter {
  return { name: row.name, assetName: row.asset_name, ...JSON.parse(row.definition), created: row.created, lastModified: row.last_modified };
}

/** Rows of the asset_filters table; rules live in Catalog. */
export class AssetFilterRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(assetName: string, name: string): AssetFilter | undefined {
    const row = this.#db.prepare('SELECT * FROM asset_filters WHERE asset_name = ? AND name = ?').get(assetName, name) as AssetFilterRow | undefined;
    return row && toAssetFilter(row);
  }

  list(assetName: string): AssetFilter[] {
    return (this.#db.prepare('SELECT * FROM asset_filters WHERE asset_name = ? ORDER BY name').all(assetName) as AssetFilterRow[]).map(toAssetFilter);
  }

  count(assetName: string): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM asset_filters WHERE asset_name = ?').get(assetName) as { n: number }).n;
  }

  /** Inserts or replaces the filter of that asset and name. */
  put(f: AssetFilter): void {
    this.#db
      .prepare(
        `INSERT INTO asset_filters (asset_name, name, definition, created, last_modified) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(asset_name, name) DO UPDATE SET definition = excluded.definition, last_modified = excluded.last_modified`,
      )
      .run(f.assetName, f.name, JSON.stringify(filterDefinition(f)), f.created, f.lastModified);
  }

  delete(assetName: string, name: string): boolean {
    return this.#db.prepare('DELETE FROM asset_filters WHERE asset_name = ? AND name = ?').run(assetName, name).changes > 0;
  }

  deleteForAsset(assetName: string): number {
    return this.#db.prepare('DELETE FROM asset_filters WHERE asset_name = ?').run(assetName).changes;
  }
}
