import type { Locator } from './locator.js';
import type { Db } from './open-database.js';

interface LocatorRow {
  id: string;
  asset_name: string;
  start_time: string;
  expiry_time: string;
  created: string;
  filters: string;
}

function toLocator(row: LocatorRow): Locator {
  return { id: row.id, assetName: row.asset_name, startTime: row.start_time, expiryTime: row.expiry_time, filters: JSON.parse(row.filters), created: row.created };
}

/** Rows of the locators table; rules live in Catalog. */
export class LocatorRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(id: string): Locator | undefined {
    const row = this.#db.prepare('SELECT * FROM locators WHERE id = ?').get(id) as LocatorRow | undefined;
    return row && toLocator(row);
  }

  list(): Locator[] {
    return (this.#db.prepare('SELECT * FROM locators ORDER BY created, id').all() as LocatorRow[]).map(toLocator);
  }

  countForAsset(assetName: string): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM locators WHERE asset_name = ?').get(assetName) as { n: number }).n;
  }

  insert(l: Locator): void {
    this.#db
      .prepare('INSERT INTO locators (id, asset_name, start_time, expiry_time, filters, created) VALUES (?, ?, ?, ?, ?, ?)')
      .run(l.id, l.assetName, l.startTime, l.expiryTime, JSON.stringify(l.filters), l.created);
  }

  /** Ids of the locators whose default filters include `filter` of `assetName`. */
  usingFilter(assetName: string, filter: string): string[] {
    const rows = this.#db.prepare('SELECT id, filters FROM locators WHERE asset_name = ? ORDER BY id').all(assetName) as Pick<LocatorRow, 'id' | 'filters'>[];
    return rows.filter((r) => (JSON.parse(r.filters) as string[]).includes(filter)).map((r) => r.id);
  }

  /** Returns how many were deleted. */
  deleteForAsset(assetName: string): number {
    return this.#db.prepare('DELETE FROM locators WHERE asset_name = ?').run(assetName).changes;
  }

  delete(id: string): boolean {
    return this.#db.prepare('DELETE FROM locators WHERE id = ?').run(id).changes > 0;
  }
}
