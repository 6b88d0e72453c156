import type { Logger } from 'pino';
import type { FragmentStore } from '../../store/fragment-store.js';
import { AssetArchive, type ArchiveRepair } from './asset-archive.js';

const ASSET_PREFIX = 'asset-';

/**
 * Every asset's archive in this process. At start-up `recover` loads (and repairs) the archives
 * of the assets the catalog knows and deletes the media of any it does not (an asset deleted
 * just before a crash).
 */
export class AssetLibrary {
  private readonly archives = new Map<string, AssetArchive>();

  constructor(
    private readonly store: FragmentStore,
    private readonly log: Logger,
  ) {}

  async recover(assetNames: readonly string[]): Promise<{ repaired: ArchiveRepair[]; removed: string[] }> {
    const known = new Set(assetNames);
    const repaired: ArchiveRepair[] = [];
    const removed: string[] = [];
    for (const ns of await this.store.listNamespaces()) {
      if (!ns.startsWith(ASSET_PREFIX)) continue;
      const name = ns.slice(ASSET_PREFIX.length);
      if (known.has(name)) continue;
      await this.store.deleteNamespace(ns);
      removed.push(name);
    }
    for (const name of assetNames) {
      try {
        const { archive, repair } = await AssetArchive.load(name, this.store, this.log);
        this.archives.set(name, archive);
        repaired.push(repair);
      } catch (err) {
        // One unreadable asset must not keep the others (or the server) from starting.
        this.log.error({ err, asset: name }, 'asset could not be loaded; it is not served');
      }
    }
    return { repaired, removed };
  }

  get(name: string): AssetArchive | undefined {
    return this.archives.get(name);
  }

  /** The asset's archive, loaded from the store or empty when it has none yet. */
  async open(name: string): Promise<AssetArchive> {
    let archive = this.archives.get(name);
    if (!archive) {
      archive = (await AssetArchive.load(name, this.store, this.log)).archive;
      this.archives.set(name, archive);
    }
    return archive;
  }

  /** Deletes an asset's media, whether or not it is loaded. */
  async delete(name: string): Promise<void> {
    const archive = this.archives.get(name);
    this.archives.delete(name);
    if (archive) await archive.delete();
    else await this.store.deleteNamespace(`${ASSET_PREFIX}${name}`);
  }
}
