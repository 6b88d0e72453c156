import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

export interface ApiKeyResult {
  apiKey: string;
  /** True only on the start that created the key file, so the key is printed once. */
  generated: boolean;
  /** The key file, when the key lives in one. */
  path?: string;
}

/** Uses the configured key, else `<dataDir>/api-key`, else creates that file (mode 0600). */
export function ensureApiKey(config: Pick<Config, 'apiKey' | 'dataDir'>): ApiKeyResult {
  if (config.apiKey !== undefined) return { apiKey: config.apiKey, generated: false };
  const path = join(config.dataDir, 'api-key');
  mkdirSync(config.dataDir, { recursive: true });
  const existing = readKey(path);
  if (existing.key !== undefined) return { apiKey: existing.key, generated: false, path };
  const apiKey = randomBytes(32).toString('hex');
  try {
    // 'wx' fails if another process created the file meanwhile; then its key wins. An empty
    // file (a crash between create and write) is simply replaced.
    writeFileSync(path, `${apiKey}\n`, { mode: 0o600, flag: existing.exists ? 'w' : 'wx' });
  } catch (err) {
    const raced = readKey(path).key;
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && raced !== undefined) return { apiKey: raced, generated: false, path };
    throw err;
  }
  return { apiKey, generated: true, path };
}

function readKey(path: string): { exists: boolean; key?: string } {
  try {
    const key = readFileSync(path, 'utf8').trim();
    return key === '' ? { exists: true } : { exists: true, key };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    throw err;
  }
}
