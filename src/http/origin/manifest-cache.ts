import { strongEtag } from './http-validators.js';

/** A rendered manifest: its bytes, their entity tag, and the gzip of them once asked for. */
export interface CachedManifest {
  body: Buffer;
  etag: string;
  gzip?: Buffer;
}

/**
 * Manifests rendered once per presentation version: a thousand players polling one playlist
 * cost one rendering, one digest for its ETag and at most one gzip. Keys include the version, so
 * a stale entry is never served; the map is bounded and forgets the oldest entries first. The
 * ETag is a digest of the bytes, not of the key: version numbers start again with the process,
 * and a CDN must never revalidate a changed manifest as unchanged.
 */
export class ManifestCache {
  private readonly entries = new Map<string, CachedManifest>();

  constructor(private readonly capacity = 1024) {}

  get(key: string, render: () => string | Buffer | undefined): CachedManifest | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const rendered = render();
    if (rendered === undefined) return undefined;
    const body = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : rendered;
    const entry: CachedManifest = { body, etag: strongEtag(body.toString('latin1')) };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
