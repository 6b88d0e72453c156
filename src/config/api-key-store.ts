import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { TributaryError } from '../util/errors.js';

/** How often the key file is looked at for an outside change (a secrets manager rewriting it). */
const RECHECK_MS = 1000;

export type ApiKeySource =
  /** `<data-dir>/api-key`: rotatable through the API, and re-read when something else rewrites it. */
  | { kind: 'file'; path: string }
  /** TRIBUTARY_API_KEY, --api-key or the config file: fixed until the configuration changes. */
  | { kind: 'configured' }
  /** Tests: rotatable, kept in memory. */
  | { kind: 'memory' };

/**
 * The API key in force, read on every request so that it can change without a restart. A new
 * key takes effect at once and the old one is refused from then on.
 */
export class ApiKeyStore {
  #key: string;
  #checkedAt = 0;
  #fileStamp = '';

  constructor(
    key: string,
    private readonly source: ApiKeySource,
    private readonly now: () => number = Date.now,
  ) {
    this.#key = key;
    if (source.kind === 'file') this.#fileStamp = stamp(source.path);
  }

  current(): string {
    if (this.source.kind === 'file' && this.now() - this.#checkedAt >= RECHECK_MS) {
      this.#checkedAt = this.now();
      const seen = stamp(this.source.path);
      if (seen !== this.#fileStamp) {
        this.#fileStamp = seen;
        const key = readKeyFile(this.source.path);
        // A file being rewritten may be empty for a moment: keep the key until a whole one is there.
        if (key !== undefined) this.#key = key;
        else this.#fileStamp = '';
      }
    }
    return this.#key;
  }

  /** A new random key, stored where the key lives (the key file is replaced atomically). */
  rotate(): string {
    if (this.source.kind === 'configured') {
      throw new TributaryError('ERR_API_KEY_CONFIGURED', 'the API key comes from the configuration (TRIBUTARY_API_KEY, --api-key or the config file): change it there and restart, or use the key file to rotate without a restart');
    }
    const key = randomBytes(32).toString('hex');
    if (this.source.kind === 'file') {
      const temporary = `${this.source.path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${key}\n`, { mode: 0o600 });
      renameSync(temporary, this.source.path);
      this.#fileStamp = stamp(this.source.path);
    }
    this.#key = key;
    return key;
  }
}

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}

/** A key of the shape the configuration accepts, else undefined. */
function readKeyFile(path: string): string | undefined {
  try {
    const key = readFileSync(path, 'utf8').trim();
    return /^[\x21-\x7e]{16,256}$/.test(key) ? key : undefined;
  } catch {
    return undefined;
  }
}
