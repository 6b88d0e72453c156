import { isIP } from 'node:net';
import { TributaryError } from './errors.js';
import { ipInRange, type CidrRange } from './ip-cidr.js';

/** A bounded list: it is walked for every hop of every request's X-Forwarded-For. */
export const TRUSTED_PROXIES_MAX = 64;

/**
 * Parses the `trustedProxies` setting: addresses or CIDR ranges (`10.0.0.0/8`, `::1`,
 * `2001:db8::/32`), as a comma-separated string (flag, environment) or a list (config file).
 */
export function parseTrustedProxies(raw: unknown, where: string): CidrRange[] {
  const items = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter((s) => s !== '') : raw;
  if (!Array.isArray(items) || items.length > TRUSTED_PROXIES_MAX) {
    throw new TributaryError('ERR_CONFIG', `${where}: must be a list of at most ${TRUSTED_PROXIES_MAX} addresses or CIDR ranges`, { key: where });
  }
  return items.map((item: unknown) => {
    const m = typeof item === 'string' ? /^([^/]+)(?:\/(\d{1,3}))?$/.exec(item.trim()) : null;
    const family = m ? isIP(m[1]) : 0;
    const max = family === 4 ? 32 : 128;
    const prefixLength = m?.[2] === undefined ? max : Number(m[2]);
    if (!m || family === 0 || prefixLength > max) {
      throw new TributaryError('ERR_CONFIG', `${where}: ${JSON.stringify(item)} is not an IP address or CIDR range such as 10.0.0.0/8`, { key: where, value: item });
    }
    return { address: m[1], prefixLength };
  });
}

/**
 * Fastify's `trustProxy` as a function of each hop's address: with no trusted proxy, nothing is
 * trusted and `request.ip` is the TCP peer (a client cannot forge X-Forwarded-For). With some,
 * `request.ip` is the nearest address in X-Forwarded-For that is not itself a trusted proxy
 * (proxy-addr walks the chain from the peer outwards), so a client behind a configured load
 * balancer or CDN is the one ipAllow lists see.
 */
export function trustProxyFunction(trusted: readonly CidrRange[]): (address: string, hop: number) => boolean {
  return (address) => trusted.some((range) => ipInRange(address, range));
}
