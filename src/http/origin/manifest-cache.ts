/**
 * Manifests rendered once per presentation version: a thousand players polling one playlist
 * cost one rendering. Keys include the version, so a stale entry is never served; the map is
 * bounded and forgets the oldest entries first.
 */
export class ManifestCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 1024) {}

  get(key: string, render: () => string | undefined): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const text = render();
    if (text === undefined) return undefined;
    this.entries.set(key, text);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return text;
  }
}
