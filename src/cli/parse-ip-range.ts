import { isIP } from 'node:net';
import { usageError } from './cli-error.js';

export interface IpRange {
  address: string;
  prefixLength?: number;
}

/** `10.0.0.0/8`, `2001:db8::/32` or a single address, as the API's IpRange. */
export function parseIpRange(raw: string, option: string): IpRange {
  const slash = raw.indexOf('/');
  const address = slash < 0 ? raw : raw.slice(0, slash);
  const family = isIP(address);
  if (family === 0) throw usageError(`${option}: ${JSON.stringify(raw)} is not an IP address or CIDR range`);
  if (slash < 0) return { address };
  const prefix = raw.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) throw usageError(`${option}: ${JSON.stringify(raw)} has a bad prefix length (0..${max})`);
  return { address, prefixLength: Number(prefix) };
}
