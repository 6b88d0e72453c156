import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { checkToken, signToken, type SigningKey } from './url-signature.js';

const KEY: SigningKey = { id: 'k1', base64Key: Buffer.alloc(32, 7).toString('base64') };
const OTHER: SigningKey = { id: 'k2', base64Key: Buffer.alloc(32, 9).toString('base64') };
const LOCATOR = '0f8fad5b-d9cb-469f-a165-70867728950e';
const NOW = Date.UTC(2030, 0, 1);
const IN_AN_HOUR = NOW / 1000 + 3600;

test('a token is keyId.expiry.HMAC-SHA256(keyId.expiry.locator), base64url: what an operator computes on their side', () => {
  const token = signToken(KEY, LOCATOR, IN_AN_HOUR);
  const expected = createHmac('sha256', Buffer.alloc(32, 7)).update(`k1.${IN_AN_HOUR}.${LOCATOR}`).digest('base64url');
  assert.equal(token, `k1.${IN_AN_HOUR}.${expected}`);
  assert.deepEqual(checkToken(token, LOCATOR, [KEY], NOW), { ok: true });
  assert.deepEqual(checkToken(token, LOCATOR.toUpperCase(), [KEY], NOW), { ok: true }, 'locator ids are case-insensitive');
});

test('another locator, an expired, tampered, unknown-key or malformed token is refused with a reason', () => {
  const token = signToken(KEY, LOCATOR, IN_AN_HOUR);
  const no = (t: string, locator = LOCATOR, now = NOW) => {
    const r = checkToken(t, locator, [KEY, OTHER], now);
    assert.equal(r.ok, false, t);
    return r.ok ? '' : r.reason;
  };
  assert.match(no(token, '00000000-0000-4000-8000-000000000000'), /does not match/);
  assert.match(no(token, LOCATOR, IN_AN_HOUR * 1000), /expired at 2030-01-01T01:00:00.000Z/);
  assert.match(no(token.replace(`.${IN_AN_HOUR}.`, `.${IN_AN_HOUR + 3600}.`)), /does not match/, 'a pushed-back expiry');
  assert.match(no(`k3.${IN_AN_HOUR}.${token.split('.')[2]}`), /no signing key "k3"/);
  assert.match(no(signToken({ ...KEY, base64Key: OTHER.base64Key }, LOCATOR, IN_AN_HOUR)), /does not match/, 'signed with the wrong key');
  for (const bad of ['', 'k1', `k1.${IN_AN_HOUR}`, `k1.soon.${token.split('.')[2]}`, `${token}x`, `../${token}`]) assert.match(no(bad), /malformed/, bad);
});

test('during a key rotation both keys are honoured', () => {
  assert.equal(checkToken(signToken(OTHER, LOCATOR, IN_AN_HOUR), LOCATOR, [KEY, OTHER], NOW).ok, true);
  assert.equal(checkToken(signToken(KEY, LOCATOR, IN_AN_HOUR), LOCATOR, [OTHER], NOW).ok, false, 'a removed key no longer works');
});
