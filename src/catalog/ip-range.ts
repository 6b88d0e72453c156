import { isIP } from 'node:net';
import { invalid } from './names.js';

/** An allowed source network. A list of them restricts ingest or preview; no list allows all. */
export interface IpRange {
  name?: string;
  address: string;
  prefixLength: number;
}

/** As given in a request: prefixLength defaults to the whole address. */
export type IpRangeInput = Omit<IpRange, 'prefixLength'> & { prefixLength?: number };

/** Azure allowed up to this many entries; a bounded list keeps the per-connection check cheap. */
export const IP_ALLOW_MAX = 64;

/** Validates an ipAllow list; a missing prefixLength means the single address. */
export function parseIpAllow(value: unknown, field: string): IpRange[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > IP_ALLOW_MAX) throw invalid(field, `must be a list of at most ${IP_ALLOW_MAX} IP ranges`);
  return value.map((entry: unknown, i) => parseIpRange(entry, `${field}[${i}]`));
}

function parseIpRange(entry: unknown, field: string): IpRange {
  if (typeof entry !== 'object' || entry === null) throw invalid(field, 'must be an object {name?, address, prefixLength?}');
  const { name, address, prefixLength } = entry as Record<string, unknown>;
  const family = typeof address === 'string' ? isIP(address) : 0;
  if (family === 0) throw invalid(`${field}.address`, 'must be an IPv4 or IPv6 address');
  const max = family === 4 ? 32 : 128;
  const prefix = prefixLength ?? max;
  if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw invalid(`${field}.prefixLength`, `must be an integer from 0 to ${max}`);
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > 64)) throw invalid(`${field}.name`, 'must be a string of at most 64 characters');
  const range: IpRange = { address: address as string, prefixLength: prefix };
  if (name !== undefined) range.name = name;
  return range;
}
