import type { Db } from './open-database.js';
import type { StreamingEndpoint, StreamingEndpointState } from './streaming-endpoint.js';

interface StreamingEndpointRow {
  name: string;
  description: string;
  state: string;
  port: number | null;
  scale_units: number;
  ip_allow: string | null;
  cors: string | null;
  cross_site_access_policies: string | null;
  url_signing: string | null;
  created: string;
  last_modified: string;
}

function toEndpoint(row: StreamingEndpointRow): StreamingEndpoint {
  const endpoint: StreamingEndpoint = {
    name: row.name,
    description: row.description,
    state: row.state as StreamingEndpointState,
    scaleUnits: row.scale_units,
    created: row.created,
    lastModified: row.last_modified,
  };
  if (row.port !== null) endpoint.port = row.port;
  if (row.ip_allow !== null) endpoint.ipAllow = JSON.parse(row.ip_allow);
  if (row.cors !== null) endpoint.cors = JSON.parse(row.cors);
  if (row.cross_site_access_policies !== null) endpoint.crossSiteAccessPolicies = JSON.parse(row.cross_site_access_policies);
  if (row.url_signing !== null) endpoint.urlSigning = JSON.parse(row.url_signing);
  return endpoint;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Rows of the streaming_endpoints table; rules live in Catalog. */
export class StreamingEndpointRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(name: string): StreamingEndpoint | undefined {
    const row = this.#db.prepare('SELECT * FROM streaming_endpoints WHERE name = ?').get(name) as StreamingEndpointRow | undefined;
    return row && toEndpoint(row);
  }

  byPort(port: number): StreamingEndpoint | undefined {
    const row = this.#db.prepare('SELECT * FROM streaming_endpoints WHERE port = ?').get(port) as StreamingEndpointRow | undefined;
    return row && toEndpoint(row);
  }

  /** `default` first, then by name: the order people read them in. */
  list(): StreamingEndpoint[] {
    return (this.#db.prepare("SELECT * FROM streaming_endpoints ORDER BY name <> 'default', name").all() as StreamingEndpointRow[]).map(toEndpoint);
  }

  insert(e: StreamingEndpoint): void {
    this.#db
      .prepare(
        `INSERT INTO streaming_endpoints (name, description, state, port, scale_units, ip_allow, cors, cross_site_access_policies, url_signing, created, last_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.name, e.description, e.state, e.port ?? null, e.scaleUnits, json(e.ipAllow), json(e.cors), json(e.crossSiteAccessPolicies), json(e.urlSigning), e.created, e.lastModified);
  }

  /** Writes every member but the name, state and created. */
  update(e: StreamingEndpoint): void {
    this.#db
      .prepare(
        `UPDATE streaming_endpoints SET description = ?, port = ?, scale_units = ?, ip_allow = ?, cors = ?, cross_site_access_policies = ?, url_signing = ?,
           last_modified = ? WHERE name = ?`,
      )
      .run(e.description, e.port ?? null, e.scaleUnits, json(e.ipAllow), json(e.cors), json(e.crossSiteAccessPolicies), json(e.urlSigning), e.lastModified, e.name);
  }

  setState(name: string, state: StreamingEndpointState, now: string): void {
    this.#db.prepare('UPDATE streaming_endpoints SET state = ?, last_modified = ? WHERE name = ?').run(state, now, name);
  }

  setScaleUnits(name: string, scaleUnits: number, now: string): void {
    this.#db.prepare('UPDATE streaming_endpoints SET scale_units = ?, last_modified = ? WHERE name = ?').run(scaleUnits, now, name);
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM streaming_endpoints WHERE name = ?').run(name);
  }
}
