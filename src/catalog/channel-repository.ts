import type { Channel, ChannelState } from './channel.js';
import type { Db } from './open-database.js';

interface ChannelRow {
  name: string;
  description: string;
  state: string;
  protocol: string;
  key_frame_interval_ms: number;
  access_token: string;
  input_ip_allow: string | null;
  preview_ip_allow: string | null;
  created: string;
  last_modified: string;
}

function toChannel(row: ChannelRow): Channel {
  const channel: Channel = {
    name: row.name,
    description: row.description,
    state: row.state as ChannelState,
    input: { protocol: row.protocol as Channel['input']['protocol'], keyFrameIntervalMs: row.key_frame_interval_ms, accessToken: row.access_token },
    preview: {},
    created: row.created,
    lastModified: row.last_modified,
  };
  if (row.input_ip_allow !== null) channel.input.ipAllow = JSON.parse(row.input_ip_allow);
  if (row.preview_ip_allow !== null) channel.preview.ipAllow = JSON.parse(row.preview_ip_allow);
  return channel;
}

/** Rows of the channels table; rules live in Catalog. */
export class ChannelRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(name: string): Channel | undefined {
    const row = this.#db.prepare('SELECT * FROM channels WHERE name = ?').get(name) as ChannelRow | undefined;
    return row && toChannel(row);
  }

  byAccessToken(token: string): Channel | undefined {
    const row = this.#db.prepare('SELECT * FROM channels WHERE access_token = ?').get(token) as ChannelRow | undefined;
    return row && toChannel(row);
  }

  list(): Channel[] {
    return (this.#db.prepare('SELECT * FROM channels ORDER BY name').all() as ChannelRow[]).map(toChannel);
  }

  inStates(states: readonly ChannelState[]): Channel[] {
    return this.list().filter((c) => states.includes(c.state));
  }

  insert(c: Channel): void {
    this.#db
      .prepare(
        `INSERT INTO channels (name, description, state, protocol, key_frame_interval_ms, access_token, input_ip_allow, preview_ip_allow, created, last_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.name,
        c.description,
        c.state,
        c.input.protocol,
        c.input.keyFrameIntervalMs,
        c.input.accessToken,
        c.input.ipAllow === undefined ? null : JSON.stringify(c.input.ipAllow),
        c.preview.ipAllow === undefined ? null : JSON.stringify(c.preview.ipAllow),
        c.created,
        c.lastModified,
      );
  }

  /** Writes every member but the name, state, protocol and created. */
  update(c: Channel): void {
    this.#db
      .prepare(
        `UPDATE channels SET description = ?, key_frame_interval_ms = ?, access_token = ?, input_ip_allow = ?, preview_ip_allow = ?, last_modified = ?
         WHERE name = ?`,
      )
      .run(
        c.description,
        c.input.keyFrameIntervalMs,
        c.input.accessToken,
        c.input.ipAllow === undefined ? null : JSON.stringify(c.input.ipAllow),
        c.preview.ipAllow === undefined ? null : JSON.stringify(c.preview.ipAllow),
        c.lastModified,
        c.name,
      );
  }

  setState(name: string, state: ChannelState, now: string): void {
    this.#db.prepare('UPDATE channels SET state = ?, last_modified = ? WHERE name = ?').run(state, now, name);
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM channels WHERE name = ?').run(name);
  }
}
