import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT_CODES, usageError } from './cli-error.js';

export const DEFAULT_SERVER = 'http://localhost:8080';

/** Where the CLI sends requests and with which key; `apiKeySource` is said when the key is refused. */
export interface Connection {
  server: string;
  apiKey: string;
  apiKeySource: string;
}

export interface ConnectionOptions {
  server?: string;
  apiKey?: string;
  dataDir?: string;
}

/** `--server`, else TRIBUTARY_SERVER, else localhost:8080; a pasted `/api/v1` suffix is dropped. */
export function resolveServer(options: ConnectionOptions, env: NodeJS.ProcessEnv): string {
  const raw = options.server ?? (env.TRIBUTARY_SERVER || undefined) ?? DEFAULT_SERVER;
  const where = options.server !== undefined ? '--server' : env.TRIBUTARY_SERVER ? 'TRIBUTARY_SERVER' : 'the default server';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`${where}: ${JSON.stringify(raw)} is not a URL (expected something like ${DEFAULT_SERVER})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`${where}: ${JSON.stringify(raw)} must be an http:// or https:// URL`);
  return url.href.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/**
 * `--api-key`, else TRIBUTARY_API_KEY, else the `api-key` file the server generated in its data
 * directory (`--data-dir`, else TRIBUTARY_DATA_DIR, else ./data, as `tributary serve` uses).
 */
export function resolveApiKey(options: ConnectionOptions, env: NodeJS.ProcessEnv, cwd: string): { apiKey: string; apiKeySource: string } {
  if (options.apiKey !== undefined) return { apiKey: options.apiKey, apiKeySource: '--api-key' };
  if (env.TRIBUTARY_API_KEY) return { apiKey: env.TRIBUTARY_API_KEY, apiKeySource: 'TRIBUTARY_API_KEY' };
  const dataDir = options.dataDir ?? (env.TRIBUTARY_DATA_DIR || undefined) ?? './data';
  const path = resolve(cwd, dataDir, 'api-key');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `there is no ${path}` : `${path} cannot be read (${code ?? (err as Error).message})`;
    throw new CliError(`no API key: ${why}`, EXIT_CODES.auth, [
      'Pass --api-key KEY, set TRIBUTARY_API_KEY, or point --data-dir at the server\'s data directory.',
    ]);
  }
  const apiKey = text.trim();
  if (apiKey === '') throw new CliError(`no API key: ${path} is empty`, EXIT_CODES.auth);
  return { apiKey, apiKeySource: path };
}

export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv, cwd: string): Connection {
  return { server: resolveServer(options, env), ...resolveApiKey(options, env, cwd) };
}
