import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FragmentKey, FragmentStore, InitKey } from './fragment-store.js';

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Fragments on local disk, one file each:
 *   <root>/<namespace>/<trackId>/init-<version>.mp4
 *   <root>/<namespace>/<trackId>/<decodeTime>.m4s
 * A write goes to a temporary name and is renamed into place: rename(2) is atomic on Linux file
 * systems, so a reader (or a restart after a crash) sees either the whole fragment or none of
 * it, never a partial one. The rename is the commit point.
 */
export class DiskFragmentStore implements FragmentStore {
  private readonly madeDirs = new Set<string>();
  private tmpCounter = 0;

  constructor(private readonly root: string) {}

  async putInit(key: InitKey, bytes: Uint8Array): Promise<void> {
    await this.write(this.dir(key), `init-${key.version}.mp4`, bytes);
  }
  async getInit(key: InitKey): Promise<Uint8Array | undefined> {
    return readIfExists(join(this.dir(key), `init-${key.version}.mp4`));
  }
  async putFragment(key: FragmentKey, bytes: Uint8Array): Promise<void> {
    await this.write(this.dir(key), `${key.decodeTime}.m4s`, bytes);
  }
  async getFragment(key: FragmentKey): Promise<Uint8Array | undefined> {
    return readIfExists(join(this.dir(key), `${key.decodeTime}.m4s`));
  }
  async deleteFragment(key: FragmentKey): Promise<void> {
    await unlink(join(this.dir(key), `${key.decodeTime}.m4s`)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  async deleteNamespace(namespace: string): Promise<void> {
    checkSegment(namespace);
    await rm(join(this.root, namespace), { recursive: true, force: true });
    for (const d of this.madeDirs) if (d.startsWith(join(this.root, namespace))) this.madeDirs.delete(d);
  }

  private dir(key: { namespace: string; trackId: string }): string {
    checkSegment(key.namespace);
    checkSegment(key.trackId);
    return join(this.root, key.namespace, key.trackId);
  }

  private async write(dir: string, name: string, bytes: Uint8Array): Promise<void> {
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = join(dir, `.${name}.${process.pid}.${this.tmpCounter++}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
    } finally {
      await fh.close();
    }
    await rename(tmp, join(dir, name));
  }
}

/** Keys become path segments: anything that could climb out of the root is refused. */
function checkSegment(s: string): void {
  if (!SAFE_SEGMENT.test(s) || s === '.' || s === '..') throw new Error(`unsafe store key "${s}"`);
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
