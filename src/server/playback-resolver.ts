import { filterDefinition } from '../catalog/asset-filter.js';
import type { Catalog } from '../catalog/catalog.js';
import { isLocatorActive } from '../catalog/locator.js';
import type { PlaybackResolver, Resolved } from '../http/origin/playback-source.js';
import { assetNamespace } from '../live/archive/asset-archive.js';
import { namespaceOf, type LiveRegistry } from '../live/live-registry.js';
import type { Clock } from '../model/time.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Locator → asset → its archive (live with the program's DVR window, or on demand); channel → preview. */
export class CatalogPlaybackResolver implements PlaybackResolver {
  constructor(
    private readonly catalog: Catalog,
    private readonly registry: LiveRegistry,
    private readonly clock: Clock,
  ) {}

  async byLocator(locatorId: string, manifestName: string): Promise<Resolved> {
    if (!UUID.test(locatorId)) return { ok: false, reason: 'unknown locator' };
    const locator = this.catalog.getLocator(locatorId.toLowerCase()) ?? this.catalog.getLocator(locatorId);
    if (!locator || !isLocatorActive(locator, new Date(this.clock.now()))) return { ok: false, reason: 'unknown locator' };
    const asset = this.catalog.getAsset(locator.assetName);
    if (!asset || asset.manifestName.toLowerCase() !== manifestName.toLowerCase()) return { ok: false, reason: 'unknown manifest' };
    const presentation = this.registry.assetPresentation(asset.name);
    if (!presentation) return { ok: false, reason: 'the asset has no media yet' };
    const catalog = this.catalog;
    return {
      ok: true,
      source: {
        presentation,
        namespace: assetNamespace(asset.name),
        cacheScope: `asset:${asset.name}`,
        // Read on use, so that only filtered requests touch the catalog and an edit applies at once.
        filter: (name) => {
          const f = catalog.getAssetFilter(asset.name, name);
          return f && filterDefinition(f);
        },
        defaultFilters: locator.filters,
      },
    };
  }

  async preview(channel: string): Promise<Resolved> {
    const presentation = this.registry.previewPresentation(channel);
    if (!presentation) return { ok: false, reason: 'the channel is not running' };
    return { ok: true, source: { presentation, namespace: namespaceOf(channel), cacheScope: `preview:${channel}` } };
  }
}
