import { appendFile, copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentKey, FragmentKey, FragmentStore, InitKey } from './fragment-store.js';

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]{1,128}$/;
const FRAGMENT_FILE = /^(\d{1,30})\.m4s$/;
const TEMPORARY_FILE = /^\..*\.tmp$/;

/**
 * Fragments on local disk, one file each:
 *   <root>/<namespace>/<trackId>/init-<version>.mp4
 *   <root>/<namespace>/<trackId>/<decodeTime>.m4s
 *   <root>/<namespace>/[<trackId>/]<document>          (asset.json, timeline.jsonl, index.m3u8)
 * A write goes to a temporary name (`.<name>.<pid>.<n>.tmp`) and is renamed into place:
 * rename(2) within a directory is atomic on Linux file systems, so a reader (or a restart after
 * a crash) sees either the whole file or none of it, never a partial one. The rename is the
 * commit point; a temporary left by a crash is removed by `removeTemporaries`.
 * A link is a hard link (the bytes are stored once, whichever namespaces name them), made under
 * a temporary name and renamed the same way; across file systems it falls back to a copy.
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
    return readIfExists(this.fragmentPath(key));
  }
  async linkFragment(from: FragmentKey, to: FragmentKey): Promise<void> {
    const dir = this.dir(to);
    await this.ensureDir(dir);
    const tmp = this.temporary(dir, `${to.decodeTime}.m4s`);
    try {
      await link(this.fragmentPath(from), tmp);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // EXDEV: another file system; EPERM/ENOTSUP: one without hard links.
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
      await copyFile(this.fragmentPath(from), tmp);
    }
    await rename(tmp, this.fragmentPath(to));
  }
  async fragmentSize(key: FragmentKey): Promise<number | undefined> {
    try {
      return (await stat(this.fragmentPath(key))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
  async listFragments(namespace: string, trackId: string): Promise<bigint[]> {
    const names = await readdirIfExists(this.dir({ namespace, trackId }));
    const times: bigint[] = [];
    for (const name of names) {
      const m = FRAGMENT_FILE.exec(name);
      if (m) times.push(BigInt(m[1]));
    }
    return times;
  }
  async deleteFragment(key: FragmentKey): Promise<void> {
    await unlink(this.fragmentPath(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  async putDocument(key: DocumentKey, text: string): Promise<void> {
    await this.write(this.documentDir(key), checkSegment(key.name), Buffer.from(text, 'utf8'));
  }
  async appendDocument(key: DocumentKey, text: string): Promise<void> {
    const dir = this.documentDir(key);
    await this.ensureDir(dir);
    await appendFile(join(dir, checkSegment(key.name)), text, 'utf8');
  }
  async getDocument(key: DocumentKey): Promise<string | undefined> {
    const bytes = await readIfExists(join(this.documentDir(key), checkSegment(key.name)));
    return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
  async listNamespaces(): Promise<string[]> {
    return (await readdirIfExists(this.root)).filter((n) => SAFE_SEGMENT.test(n) && !TEMPORARY_FILE.test(n));
  }
  async removeTemporaries(namespace: string): Promise<number> {
    const top = join(this.root, checkSegment(namespace));
    let removed = 0;
    const sweep = async (dir: string, depth: number): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory() && depth === 0) await sweep(join(dir, entry.name), 1);
        else if (entry.isFile() && TEMPORARY_FILE.test(entry.name)) {
          await unlink(join(dir, entry.name)).catch(() => {});
          removed++;
        }
      }
    };
    await sweep(top, 0);
    return removed;
  }
  async deleteNamespace(namespace: string): Promise<void> {
    checkSegment(namespace);
    await rm(join(this.root, namespace), { recursive: true, force: true });
    for (const d of this.madeDirs) if (d.startsWith(join(this.root, namespace))) this.madeDirs.delete(d);
  }

  private dir(key: { namespace: string; trackId: string }): string {
    return join(this.root, checkSegment(key.namespace), checkSegment(key.trackId));
  }

  private documentDir(key: DocumentKey): string {
    return key.trackId === undefined ? join(this.root, checkSegment(key.namespace)) : this.dir({ namespace: key.namespace, trackId: key.trackId });
  }

  private fragmentPath(key: FragmentKey): string {
    return join(this.dir(key), `${key.decodeTime}.m4s`);
  }

  private temporary(dir: string, name: string): string {
    return join(dir, `.${name}.${process.pid}.${this.tmpCounter++}.tmp`);
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  private async write(dir: string, name: string, bytes: Uint8Array): Promise<void> {
    await this.ensureDir(dir);
    const tmp = this.temporary(dir, name);
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
function checkSegment(s: string): string {
  if (!SAFE_SEGMENT.test(s) || s === '.' || s === '..') throw new Error(`unsafe store key "${s}"`);
  return s;
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

async function readdirIfExists(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
