import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorCode } from '../util/errors.js';
import { rejectsWith } from './rejects-with.js';
import { FAR_FUTURE, isLocatorActive, type NewLocator } from './locator.js';
import { withRecordingAsset as withAsset } from './temp-catalog.js';

test('createLocator: random UUID, from now, never expiring', async () => {
  const { catalog } = await withAsset();
  const l = catalog.createLocator({ assetName: 'p1' });
  assert.match(l.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(l.expiryTime, FAR_FUTURE);
  assert.ok(isLocatorActive(l, new Date()));
  assert.deepEqual(catalog.getLocator(l.id), l);
  assert.deepEqual(catalog.listLocators(), [l]);
});

test('createLocator keeps a given id (any case) and window', async () => {
  const { catalog } = await withAsset();
  const l = catalog.createLocator({ assetName: 'p1', id: 'A0B1C2D3-0000-4000-8000-000000000001', startTime: '2030-01-01T00:00:00Z', expiryTime: '2030-01-02T01:00:00+01:00' });
  assert.equal(l.id, 'a0b1c2d3-0000-4000-8000-000000000001');
  assert.equal(l.expiryTime, '2030-01-02T00:00:00.000Z');
  assert.deepEqual(catalog.getLocator('A0B1C2D3-0000-4000-8000-000000000001'), l);
  assert.equal(isLocatorActive(l, new Date('2029-12-31T23:59:59Z')), false);
  assert.equal(isLocatorActive(l, new Date('2030-01-01T12:00:00Z')), true);
  assert.equal(isLocatorActive(l, new Date('2030-01-02T00:00:00Z')), false);
  assert.throws(() => catalog.createLocator({ assetName: 'p1', id: l.id }), rejectsWith('ERR_ALREADY_EXISTS', 'id'));
});

const invalidLocators: [string, unknown, ErrorCode, string][] = [
  ['unknown asset', { assetName: 'nope' }, 'ERR_NOT_FOUND', 'assetName'],
  ['bad asset name', { assetName: 'No' }, 'ERR_VALIDATION', 'assetName'],
  ['bad id', { assetName: 'p1', id: 'not-a-uuid' }, 'ERR_VALIDATION', 'id'],
  ['start without zone', { assetName: 'p1', startTime: '2030-01-01T00:00:00' }, 'ERR_VALIDATION', 'startTime'],
  ['expiry not a date', { assetName: 'p1', expiryTime: 'tomorrow' }, 'ERR_VALIDATION', 'expiryTime'],
  ['expiry before start', { assetName: 'p1', startTime: '2030-01-02T00:00:00Z', expiryTime: '2030-01-01T00:00:00Z' }, 'ERR_VALIDATION', 'expiryTime'],
];

for (const [name, input, code, field] of invalidLocators) {
  test(`createLocator refuses ${name}: ${code} naming ${field}`, async () => {
    const { catalog } = await withAsset();
    assert.throws(() => catalog.createLocator(input as NewLocator), rejectsWith(code, field));
    assert.deepEqual(catalog.listLocators(), []);
  });
}

test('deleteLocator removes it; a second delete is 404', async () => {
  const { catalog } = await withAsset();
  const l = catalog.createLocator({ assetName: 'p1' });
  catalog.deleteLocator(l.id);
  assert.equal(catalog.getLocator(l.id), undefined);
  assert.throws(() => catalog.deleteLocator(l.id), rejectsWith('ERR_NOT_FOUND'));
});
