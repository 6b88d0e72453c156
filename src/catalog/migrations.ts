/**
 * Numbered, append-only schema changes. A migration is never edited once released: a database
 * that already applied it would not see the change. Add a new number instead.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'channels, programs, assets, locators',
    sql: `
      CREATE TABLE channels (
        name TEXT PRIMARY KEY,
        description TEXT NOT NULL,
        state TEXT NOT NULL,
        protocol TEXT NOT NULL,
        key_frame_interval_ms INTEGER NOT NULL,
        -- RTMP ingest URLs carry only the token, so it must identify one channel.
        access_token TEXT NOT NULL UNIQUE,
        input_ip_allow TEXT,
        preview_ip_allow TEXT,
        created TEXT NOT NULL,
        last_modified TEXT NOT NULL
      ) STRICT;
      CREATE TABLE programs (
        channel TEXT NOT NULL REFERENCES channels(name) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        -- Two programs recording into one asset would interleave two timelines.
        asset_name TEXT NOT NULL UNIQUE,
        archive_window TEXT NOT NULL,
        archive_window_ms INTEGER NOT NULL,
        manifest_name TEXT NOT NULL,
        state TEXT NOT NULL,
        created TEXT NOT NULL,
        last_modified TEXT NOT NULL,
        PRIMARY KEY (channel, name)
      ) STRICT;
      CREATE TABLE assets (
        name TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        channel TEXT NOT NULL,
        program TEXT NOT NULL,
        manifest_name TEXT NOT NULL,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        size_bytes INTEGER NOT NULL DEFAULT 0,
        tracks TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        last_modified TEXT NOT NULL
      ) STRICT;
      CREATE TABLE locators (
        id TEXT PRIMARY KEY,
        asset_name TEXT NOT NULL REFERENCES assets(name),
        start_time TEXT NOT NULL,
        expiry_time TEXT NOT NULL,
        created TEXT NOT NULL
      ) STRICT;
      CREATE INDEX locators_by_asset ON locators(asset_name);
    `,
  },
  {
    version: 2,
    name: 'streaming endpoints',
    sql: `
      CREATE TABLE streaming_endpoints (
        name TEXT PRIMARY KEY,
        description TEXT NOT NULL,
        state TEXT NOT NULL,
        -- NULL for default, which serves on whatever the main HTTP port is; SQLite lets NULLs
        -- repeat under UNIQUE, and two listeners on one port cannot both start.
        port INTEGER UNIQUE,
        scale_units INTEGER NOT NULL,
        ip_allow TEXT,
        cors TEXT,
        cross_site_access_policies TEXT,
        created TEXT NOT NULL,
        last_modified TEXT NOT NULL
      ) STRICT;
      -- default always exists (CONTRACT §2): created here so no code path can miss it.
      INSERT INTO streaming_endpoints (name, description, state, port, scale_units, created, last_modified)
      VALUES ('default', '', 'Running', NULL, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `,
  },
  {
    version: 3,
    name: 'why a program stopped recording on its own',
    sql: `
      -- JSON {code, message, time}: the store error that stopped the recording (disk full, I/O).
      ALTER TABLE programs ADD COLUMN last_error TEXT;
    `,
  },
  {
    version: 4,
    name: 'asset filters, locator default filters, asset time range, signed playback URLs',
    sql: `
      CREATE TABLE asset_filters (
        asset_name TEXT NOT NULL REFERENCES assets(name) ON DELETE CASCADE,
        name TEXT NOT NULL,
        -- JSON {presentationTimeRange?, firstQuality?, tracks?}: read whole, never queried inside.
        definition TEXT NOT NULL,
        created TEXT NOT NULL,
        last_modified TEXT NOT NULL,
        PRIMARY KEY (asset_name, name)
      ) STRICT;
      -- JSON array of the asset filter names every manifest of the locator applies.
      ALTER TABLE locators ADD COLUMN filters TEXT NOT NULL DEFAULT '[]';
      -- Where the recording lies on its media time line, in 100 ns units: what filter times name.
      ALTER TABLE assets ADD COLUMN start_timestamp INTEGER;
      ALTER TABLE assets ADD COLUMN end_timestamp INTEGER;
      -- JSON {keys: [{id, base64Key}]}: with keys, the endpoint serves signed playback URLs only.
      ALTER TABLE streaming_endpoints ADD COLUMN url_signing TEXT;
    `,
  },
];
