import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SigningKey } from '../../catalog/streaming-endpoint.js';

export type { SigningKey };

export const SIGNED_PREFIX = '/signed/';
const TOKEN = /^([A-Za-z0-9_-]{1,32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * A signed playback URL carries `{keyId}.{expiry}.{signature}` as a path segment in front of the
 * locator (`/signed/{token}/{locatorId}/{manifest}.ism/…`), not as a query string: every URL in
 * a manifest is relative, and relative URLs keep the path but drop the query, so the token
 * reaches every playlist and segment a player asks for. `expiry` is Unix seconds; the signature
 * is HMAC-SHA256 over `{keyId}.{expiry}.{locatorId}` (locator id in lowercase), base64url
 * without padding. It grants one locator until the expiry, whatever manifest or format.
 */
export function signToken(key: SigningKey, locatorId: string, expirySeconds: number): string {
  return `${key.id}.${expirySeconds}.${mac(key, key.id, expirySeconds, locatorId)}`;
}

export type TokenCheck = { ok: true } | { ok: false; reason: string };

/** Whether `token` grants `locatorId` at `nowMs` under one of `keys`; the comparison is constant-time. */
export function checkToken(token: string, locatorId: string, keys: readonly SigningKey[], nowMs: number): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'the URL signature is malformed' };
  const [, id, expiry, signature] = m;
  const key = keys.find((k) => k.id === id);
  if (!key) return { ok: false, reason: `no signing key "${id}" on this streaming endpoint` };
  const expected = Buffer.from(mac(key, id, Number(expiry), locatorId));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'the URL signature does not match' };
  if (Number(expiry) * 1000 <= nowMs) return { ok: false, reason: `the signed URL expired at ${new Date(Number(expiry) * 1000).toISOString()}` };
  return { ok: true };
}

function mac(key: SigningKey, id: string, expirySeconds: number, locatorId: string): string {
  return createHmac('sha256', Buffer.from(key.base64Key, 'base64')).update(`${id}.${expirySeconds}.${locatorId.toLowerCase()}`).digest('base64url');
}
