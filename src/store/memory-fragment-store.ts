import type { DocumentKey, FragmentKey, FragmentStore, InitKey } from './fragment-store.js';

/** A FragmentStore in memory: first-class for tests and for deployments that need no archive. */
export class MemoryFragmentStore implements FragmentStore {
  private readonly items = new Map<string, Uint8Array>();
  private readonly documents = new Map<string, string>();

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
  async linkFragment(from: FragmentKey, to: FragmentKey): Promise<void> {
    const bytes = this.items.get(fragmentId(from));
    if (!bytes) throw new Error(`no fragment ${fragmentId(from)} to link`);
    // The same (immutable) bytes under a second key: shared, not copied.
    this.items.set(fragmentId(to), bytes);
  }
  async fragmentSize(key: FragmentKey): Promise<number | undefined> {
    return this.items.get(fragmentId(key))?.byteLength;
  }
  async listFragments(namespace: string, trackId: string): Promise<bigint[]> {
    const prefix = `${namespace}/${trackId}/f`;
    return [...this.items.keys()].filter((id) => id.startsWith(prefix)).map((id) => BigInt(id.slice(prefix.length)));
  }
  async deleteFragment(key: FragmentKey): Promise<void> {
    this.items.delete(fragmentId(key));
  }
  async putDocument(key: DocumentKey, text: string): Promise<void> {
    this.documents.set(documentId(key), text);
  }
  async appendDocument(key: DocumentKey, text: string): Promise<void> {
    this.documents.set(documentId(key), (this.documents.get(documentId(key)) ?? '') + text);
  }
  async getDocument(key: DocumentKey): Promise<string | undefined> {
    return this.documents.get(documentId(key));
  }
  async listNamespaces(): Promise<string[]> {
    const names = new Set<string>();
    for (const id of [...this.items.keys(), ...this.documents.keys()]) names.add(id.slice(0, id.indexOf('/')));
    return [...names];
  }
  async removeTemporaries(): Promise<number> {
    return 0;
  }
  async deleteNamespace(namespace: string): Promise<void> {
    const prefix = `${namespace}/`;
    for (const id of this.items.keys()) if (id.startsWith(prefix)) this.items.delete(id);
    for (const id of this.documents.keys()) if (id.startsWith(prefix)) this.documents.delete(id);
  }
}

const initId = (k: InitKey) => `${k.namespace}/${k.trackId}/i${k.version}`;
const fragmentId = (k: FragmentKey) => `${k.namespace}/${k.trackId}/f${k.decodeTime}`;
const documentId = (k: DocumentKey) => `${k.namespace}/${k.trackId ?? ''}/d${k.name}`;
