/**
 * Where init segments and fragment bytes (CMAF: moof+mdat, one track each) live. Keys are
 * (namespace, track id, version or decode time); a namespace is one live channel timeline or
 * one asset. Implementations: memory (tests, first-class) and disk.
 */
export interface FragmentKey {
  namespace: string;
  trackId: string;
  decodeTime: bigint;
}

export interface InitKey {
  namespace: string;
  trackId: string;
  version: number;
}

export interface FragmentStore {
  putInit(key: InitKey, bytes: Uint8Array): Promise<void>;
  getInit(key: InitKey): Promise<Uint8Array | undefined>;
  /** Resolves once the bytes are durable enough to be listed in a manifest. */
  putFragment(key: FragmentKey, bytes: Uint8Array): Promise<void>;
  getFragment(key: FragmentKey): Promise<Uint8Array | undefined>;
  deleteFragment(key: FragmentKey): Promise<void>;
  /** Removes everything under a namespace. */
  deleteNamespace(namespace: string): Promise<void>;
}
