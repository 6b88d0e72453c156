import { TributaryError } from '../util/errors.js';
import { parseTrustedProxies } from '../util/trusted-proxies.js';
import type { CidrRange } from '../util/ip-cidr.js';
import { parseLimits, type Limits } from './limits.js';
import { LOG_LEVELS, type LogLevel } from './config.js';

export type ConfigValue = string | number | CidrRange[] | Limits;

/**
 * One row per setting: its flag, its environment variable and how a raw value is checked. The
 * same table drives all three sources so a setting cannot be known to one and unknown to another.
 */
export interface ConfigKey {
  key:
    | 'httpPort'
    | 'rtmpPort'
    | 'rtmpSecondaryPort'
    | 'rtmpsPort'
    | 'rtmpsSecondaryPort'
    | 'tlsCert'
    | 'tlsKey'
    | 'host'
    | 'dataDir'
    | 'apiKey'
    | 'logLevel'
    | 'publicHost'
    | 'trustedProxies'
    | 'limits'
    | 'config';
  flag: string;
  env: string;
  parse(raw: unknown, where: string): ConfigValue;
}

function bad(where: string, raw: unknown, why: string): TributaryError {
  return new TributaryError('ERR_CONFIG', `${where}: ${JSON.stringify(raw)} ${why}`, { key: where, value: raw });
}

function port(raw: unknown, where: string): number {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw bad(where, raw, 'is not a port number (0..65535, 0 picks a free port)');
  }
  return Number(text);
}

function text(raw: unknown, where: string): string {
  if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw)) throw bad(where, raw, 'must be a non-empty string without spaces');
  return raw;
}

/** A key that is short or has odd characters is refused so a weak or mangled key fails loudly. */
function apiKey(raw: unknown, where: string): string {
  if (typeof raw !== 'string' || !/^[\x21-\x7e]{16,256}$/.test(raw)) {
    throw new TributaryError('ERR_CONFIG', `${where}: the API key must be 16 to 256 printable characters without spaces`, { key: where });
  }
  return raw;
}

function logLevel(raw: unknown, where: string): LogLevel {
  if (typeof raw !== 'string' || !(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw bad(where, raw, `is not a log level (${LOG_LEVELS.join(', ')})`);
  }
  return raw as LogLevel;
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: 'httpPort', flag: '--http-port', env: 'TRIBUTARY_HTTP_PORT', parse: port },
  { key: 'rtmpPort', flag: '--rtmp-port', env: 'TRIBUTARY_RTMP_PORT', parse: port },
  { key: 'rtmpSecondaryPort', flag: '--rtmp-secondary-port', env: 'TRIBUTARY_RTMP_SECONDARY_PORT', parse: port },
  { key: 'rtmpsPort', flag: '--rtmps-port', env: 'TRIBUTARY_RTMPS_PORT', parse: port },
  { key: 'rtmpsSecondaryPort', flag: '--rtmps-secondary-port', env: 'TRIBUTARY_RTMPS_SECONDARY_PORT', parse: port },
  { key: 'tlsCert', flag: '--tls-cert', env: 'TRIBUTARY_TLS_CERT', parse: text },
  { key: 'tlsKey', flag: '--tls-key', env: 'TRIBUTARY_TLS_KEY', parse: text },
  { key: 'host', flag: '--host', env: 'TRIBUTARY_HOST', parse: text },
  { key: 'dataDir', flag: '--data-dir', env: 'TRIBUTARY_DATA_DIR', parse: text },
  { key: 'apiKey', flag: '--api-key', env: 'TRIBUTARY_API_KEY', parse: apiKey },
  { key: 'logLevel', flag: '--log-level', env: 'TRIBUTARY_LOG_LEVEL', parse: logLevel },
  { key: 'publicHost', flag: '--public-host', env: 'TRIBUTARY_PUBLIC_HOST', parse: text },
  { key: 'trustedProxies', flag: '--trusted-proxies', env: 'TRIBUTARY_TRUSTED_PROXIES', parse: parseTrustedProxies },
  { key: 'limits', flag: '--limits', env: 'TRIBUTARY_LIMITS', parse: parseLimits },
  { key: 'config', flag: '--config', env: 'TRIBUTARY_CONFIG', parse: text },
];

/**
 * TRIBUTARY_* variables that belong to the management CLI (`tributary channel …`), not to
 * `serve`: serve ignores them instead of refusing them, so one shell can run both.
 */
export const CLIENT_ONLY_ENV: readonly string[] = ['TRIBUTARY_SERVER'];
