import type { ManifestFilter } from '../../model/manifest-filter.js';
import type { Presentation } from '../../model/presentation.js';

/** A presentation and where its bytes are stored: what a playback URL resolves to. */
export interface PlaybackSource {
  presentation: Presentation;
  namespace: string;
  /** Distinguishes sources in the manifest cache (`locator:…`, `preview:…`). */
  cacheScope: string;
  /** A named filter of this source (an asset's filters); absent: the source has no filters. */
  filter?(name: string): ManifestFilter | undefined;
  /** Filters applied to every manifest of this source (a locator's default filters). */
  defaultFilters?: readonly string[];
}

export type Resolved = { ok: true; source: PlaybackSource } | { ok: false; reason: string };

/** Finds what a locator or a channel preview plays; the server wires it to the catalog. */
export interface PlaybackResolver {
  byLocator(locatorId: string, manifestName: string): Promise<Resolved>;
  preview(channel: string): Promise<Resolved>;
}
