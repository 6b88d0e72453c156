import type { ManifestFilter } from '../../model/manifest-filter.js';
import type { PlaybackSource } from './playback-source.js';

/** Azure allowed three filters in one URL; more is refused rather than silently cut. */
export const MAX_URL_FILTERS = 3;

export type SourceFilters = { ok: true; filters: ManifestFilter[]; cacheKey: string } | { ok: false; reason: string };

/**
 * The filters a request applies: the locator's defaults, then the URL's `filter=` names, each
 * once. `cacheKey` holds their definitions, so editing a filter changes the manifest's key.
 */
export function sourceFilters(source: PlaybackSource, urlFilters: readonly string[]): SourceFilters {
  if (urlFilters.length > MAX_URL_FILTERS) return { ok: false, reason: `a URL may name at most ${MAX_URL_FILTERS} filters` };
  const names = [...new Set([...(source.defaultFilters ?? []), ...urlFilters.map((n) => n.toLowerCase())])];
  if (names.length === 0) return { ok: true, filters: [], cacheKey: '' };
  const filters: ManifestFilter[] = [];
  for (const name of names) {
    const filter = source.filter?.(name);
    if (!filter) return { ok: false, reason: `unknown filter "${name}"` };
    filters.push(filter);
  }
  return { ok: true, filters, cacheKey: JSON.stringify(filters) };
}
