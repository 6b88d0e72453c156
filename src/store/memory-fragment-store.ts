import type { FragmentKey, FragmentStore, InitKey } from './fragment-store.js';

/** A FragmentStore in memory: first-class for tests and for deployments that need no archive. */
export class MemoryFragmentStore implements FragmentStore {
  private readonly items = new Map<string, Uint8Array>();

  async putInit(key: InitKey, bytes: Uint8Array): Promise<void> {
    this.items.set(initId(key), bytes);
  }
  async getInit(key: InitKey): Promise<Uint8Array | undefined> {
    return this.items.get(initId(key));
  }
  async putFragment(key: FragmentKey, bytes: Uint8Array): Promise<void> {
    this.items.set(fragmentId(key), bytes);
  }
  async getFragment(key: FragmentKey): Promise<Uint8Array | undefined> {
    return this.items.get(fragmentId(key));
  }
  async deleteFragment(key: FragmentKey): Promise<void> {
    this.items.delete(fragmentId(key));
  }
  async deleteNamespace(namespace: string): Promise<void> {
    const prefix = `${namespace}/`;
    for (const id of this.items.keys()) if (id.startsWith(prefix)) this.items.delete(id);
  }
}

const initId = (k: InitKey) => `${k.namespace}/${k.trackId}/i${k.version}`;
const fragmentId = (k: FragmentKey) => `${k.namespace}/${k.trackId}/${k.decodeTime}`;
