import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TributaryError } from '../util/errors.js';
import type { Config } from './config.js';
import { CLIENT_ONLY_ENV, CONFIG_KEYS, type ConfigKey, type ConfigValue } from './config-keys.js';
import type { CidrRange } from '../util/ip-cidr.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';

export interface LoadConfigOptions {
  /** Option arguments only (what follows `tributary serve`). */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Base for relative paths given by flags or environment; defaults to process.cwd(). */
  cwd?: string;
}

type Values = Partial<Record<ConfigKey['key'], ConfigValue>>;

const DEFAULTS = {
  httpPort: 8080,
  rtmpPort: 1935,
  rtmpSecondaryPort: 1936,
  rtmpsPort: 2935,
  rtmpsSecondaryPort: 2936,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
} as const;

/** Hosts that mean "every interface" cannot be dialled, so URLs fall back to localhost. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function fromFlags(argv: readonly string[]): Values {
  const values: Values = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const row = CONFIG_KEYS.find((k) => k.flag === flag);
    if (!row) throw new TributaryError('ERR_CONFIG', `unknown option ${JSON.stringify(arg)}`, { key: arg });
    let raw: string | undefined;
    if (eq > 0 && flag !== arg) raw = arg.slice(eq + 1);
    else raw = argv[++i];
    if (raw === undefined) throw new TributaryError('ERR_CONFIG', `${flag} needs a value`, { key: flag });
    values[row.key] = row.parse(raw, flag);
  }
  return values;
}

function fromEnv(env: NodeJS.ProcessEnv): Values {
  const values: Values = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('TRIBUTARY_') || CLIENT_ONLY_ENV.includes(name)) continue;
    const row = CONFIG_KEYS.find((k) => k.env === name);
    if (!row) throw new TributaryError('ERR_CONFIG', `unknown environment variable ${name}`, { key: name });
    // An empty variable is how shells and compose files say "unset".
    if (raw === undefined || raw === '') continue;
    values[row.key] = row.parse(raw, name);
  }
  return values;
}

function fromFile(path: string): Values {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TributaryError('ERR_CONFIG', `config file ${path} cannot be read: ${(err as Error).message}`, { key: 'config', value: path });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new TributaryError('ERR_CONFIG', `config file ${path} is not valid YAML: ${(err as Error).message}`, { key: 'config', value: path });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new TributaryError('ERR_CONFIG', `config file ${path} must hold a mapping of settings`, { key: 'config', value: path });
  }
  const values: Values = {};
  for (const [key, raw] of Object.entries(doc)) {
    const row = CONFIG_KEYS.find((k) => k.key === key && k.key !== 'config');
    if (!row) throw new TributaryError('ERR_CONFIG', `${path}: unknown setting ${JSON.stringify(key)}`, { key });
    values[row.key] = row.parse(raw, `${path}: ${key}`);
  }
  // Paths written in a file are read relative to that file, as users expect.
  for (const key of ['dataDir', 'tlsCert', 'tlsKey'] as const) {
    if (typeof values[key] === 'string') values[key] = resolve(dirname(path), values[key]);
  }
  return values;
}

/** Merges flags > environment > config file > defaults, refusing any unknown key or bad value. */
export function loadConfig(options: LoadConfigOptions): Config {
  const cwd = options.cwd ?? process.cwd();
  const flags = fromFlags(options.argv);
  const env = fromEnv(options.env);
  for (const key of ['dataDir', 'tlsCert', 'tlsKey'] as const) {
    if (typeof flags[key] === 'string') flags[key] = resolve(cwd, flags[key]);
    if (typeof env[key] === 'string') env[key] = resolve(cwd, env[key]);
  }
  const configPath = (flags.config ?? env.config) as string | undefined;
  const configFile = configPath === undefined ? undefined : resolve(cwd, configPath);
  const file = configFile === undefined ? {} : fromFile(configFile);
  const merged: Values = { ...DEFAULTS, dataDir: resolve(cwd, DEFAULTS.dataDir), ...file, ...env, ...flags };
  const host = merged.host as string;
  const config: Config = {
    httpPort: merged.httpPort as number,
    rtmpPort: merged.rtmpPort as number,
    rtmpSecondaryPort: merged.rtmpSecondaryPort as number,
    host,
    dataDir: merged.dataDir as string,
    logLevel: merged.logLevel as Config['logLevel'],
    publicHost: (merged.publicHost as string | undefined) ?? (WILDCARD_HOSTS.has(host) ? 'localhost' : host),
    trustedProxies: (merged.trustedProxies as CidrRange[] | undefined) ?? [],
    limits: (merged.limits as Limits | undefined) ?? DEFAULT_LIMITS,
  };
  if (merged.apiKey !== undefined) config.apiKey = merged.apiKey as string;
  if ((merged.tlsCert === undefined) !== (merged.tlsKey === undefined)) {
    const missing = merged.tlsCert === undefined ? '--tls-cert (TRIBUTARY_TLS_CERT)' : '--tls-key (TRIBUTARY_TLS_KEY)';
    throw new TributaryError('ERR_CONFIG', `TLS needs both a certificate and its key: ${missing} is missing`, { key: missing });
  }
  if (merged.tlsCert !== undefined) {
    config.tls = { certFile: merged.tlsCert as string, keyFile: merged.tlsKey as string, rtmpsPort: merged.rtmpsPort as number, rtmpsSecondaryPort: merged.rtmpsSecondaryPort as number };
  }
  if (configFile !== undefined) config.configFile = configFile;
  return config;
}
