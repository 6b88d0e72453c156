/**
 * Where init segments and fragment bytes (CMAF: moof+mdat, one track each) live. Keys are
 * (namespace, track id, version or decode time); a namespace is one live channel timeline or
 * one asset. Beside the media, a namespace holds small text documents (an asset's manifest and
 * per-track timeline journals). Implementations: memory (tests, first-class) and disk.
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

/** A text document of a namespace, or of one of its tracks when `trackId` is given. */
export interface DocumentKey {
  namespace: string;
  trackId?: string;
  name: string;
}

export interface FragmentStore {
  putInit(key: InitKey, bytes: Uint8Array): Promise<void>;
  getInit(key: InitKey): Promise<Uint8Array | undefined>;
  /** Resolves once the bytes are durable enough to be listed in a manifest. */
  putFragment(key: FragmentKey, bytes: Uint8Array): Promise<void>;
  getFragment(key: FragmentKey): Promise<Uint8Array | undefined>;
  /**
   * Makes `to` hold the bytes of `from` without copying them where the store can (a hard link
   * on disk): an asset shares the fragments its channel ingested. Rejects when `from` is absent.
   */
  linkFragment(from: FragmentKey, to: FragmentKey): Promise<void>;
  /** The byte length of a stored fragment, undefined when there is none. */
  fragmentSize(key: FragmentKey): Promise<number | undefined>;
  /** Decode times of every fragment stored for a track, in no particular order. */
  listFragments(namespace: string, trackId: string): Promise<bigint[]>;
  deleteFragment(key: FragmentKey): Promise<void>;
  /** Replaces a document whole: a reader sees the old text or the new, never a mix. */
  putDocument(key: DocumentKey, text: string): Promise<void>;
  /** Appends to a document (a journal), creating it when absent. */
  appendDocument(key: DocumentKey, text: string): Promise<void>;
  getDocument(key: DocumentKey): Promise<string | undefined>;
  /** Every namespace that holds something. */
  listNamespaces(): Promise<string[]>;
  /** Removes what interrupted writes left behind in a namespace; returns how many were removed. */
  removeTemporaries(namespace: string): Promise<number>;
  /** Removes everything under a namespace. */
  deleteNamespace(namespace: string): Promise<void>;
}
