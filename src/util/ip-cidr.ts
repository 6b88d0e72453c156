import { isIP } from 'node:net';

/** An address as the matcher compares it: its family and its bytes in network order. */
export interface ParsedIp {
  family: 4 | 6;
  bytes: Uint8Array;
}

/** What an allow list holds; the same shape as the catalog's IpRange, `name` ignored. */
export interface CidrRange {
  address: string;
  prefixLength: number;
}

/** `::ffff:a.b.c.d`: the first 80 bits zero, the next 16 one. */
const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * Parses an IPv4 or IPv6 address (a zone id such as `%eth0` is dropped: it names an interface,
 * not an address). An IPv4-mapped IPv6 address becomes the IPv4 address it carries, because a
 * dual-stack socket reports IPv4 clients that way and an operator writes their ranges as IPv4.
 * Returns undefined for anything that is not an address.
 */
export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  const address = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  const family = isIP(address);
  if (family === 4) return { family: 4, bytes: parseV4(address) };
  if (family !== 6) return undefined;
  const bytes = parseV6(address);
  if (MAPPED_PREFIX.every((b, i) => bytes[i] === b)) return { family: 4, bytes: bytes.slice(12) };
  return { family: 6, bytes };
}

function parseV4(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** Only called on text that isIP accepted, so the shape is already known to be valid. */
function parseV6(text: string): Uint8Array {
  let groups: number[];
  const tailV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let body = text;
  let tail: number[] = [];
  if (tailV4) {
    const b = parseV4(tailV4[1]);
    tail = [(b[0] << 8) | b[1], (b[2] << 8) | b[3]];
    body = text.slice(0, -tailV4[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const hex = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const gap = body.indexOf('::');
  if (gap < 0) {
    groups = [...hex(body), ...tail];
  } else {
    const head = hex(body.slice(0, gap));
    const rest = [...hex(body.slice(gap + 2)), ...tail];
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * A range ready for matching, or undefined when it is not valid. A range written in the mapped
 * form (`::ffff:10.0.0.0/104`) is the IPv4 range it means, so both spellings behave alike.
 */
export function parseCidr(range: CidrRange): ParsedIp & { prefixLength: number } | undefined {
  const written = parseIp(range?.address);
  const prefix = range?.prefixLength;
  if (!written || !Number.isInteger(prefix) || prefix < 0) return undefined;
  const wasMapped = written.family === 4 && isIP(range.address.split('%')[0]) === 6;
  const prefixLength = wasMapped ? prefix - 96 : prefix;
  if (prefixLength < 0 || prefixLength > written.bytes.length * 8) return undefined;
  return { ...written, prefixLength };
}

/** True when `address` lies in `range`. Families never cross: `::/0` matches no IPv4 client. */
export function ipInRange(address: string, range: CidrRange): boolean {
  const ip = parseIp(address);
  const net = parseCidr(range);
  return ip !== undefined && net !== undefined && sameNetwork(ip, net);
}

function sameNetwork(ip: ParsedIp, net: ParsedIp & { prefixLength: number }): boolean {
  if (ip.family !== net.family) return false;
  const whole = net.prefixLength >> 3;
  for (let i = 0; i < whole; i++) if (ip.bytes[i] !== net.bytes[i]) return false;
  const bits = net.prefixLength & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (ip.bytes[whole] & mask) === (net.bytes[whole] & mask);
}

/**
 * The allow-list rule everywhere Tributary has one: no list allows everyone, an empty list
 * allows no one, otherwise the address must lie in one of the ranges. An address that does
 * not parse is refused (a list exists, so the caller wanted to restrict).
 */
export function isIpAllowed(address: string | undefined, allow: readonly CidrRange[] | undefined): boolean {
  if (allow === undefined) return true;
  if (address === undefined) return false;
  const ip = parseIp(address);
  if (!ip) return false;
  return allow.some((range) => {
    const net = parseCidr(range);
    return net !== undefined && sameNetwork(ip, net);
  });
}
