import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rejectsWith } from './rejects-with.js';
import type { NewAssetFilter } from './asset-filter.js';
import { Catalog } from './catalog.js';
import { withRecordingAsset as withAsset } from './temp-catalog.js';

const S = 10_000_000;

test('an asset filter is created, read, patched (null removes a member) and survives a restart', async () => {
  const { catalog, dataDir, logger } = await withAsset();
  const created = catalog.createAssetFilter('p1', {
    name: 'mobile',
    presentationTimeRange: { startTimestamp: 20 * S, liveBackoffDuration: 4 * S },
    tracks: [{ trackSelections: [{ property: 'Bitrate', operation: 'Equal', value: '0-1500000' }] }],
  });
  assert.equal(created.assetName, 'p1');
  const patched = catalog.updateAssetFilter('p1', 'mobile', { firstQuality: { bitrate: 800000 }, tracks: null });
  assert.deepEqual([patched.firstQuality, patched.tracks, patched.presentationTimeRange], [{ bitrate: 800000 }, undefined, { startTimestamp: 20 * S, liveBackoffDuration: 4 * S }]);
  catalog.close();
  const again = new Catalog({ dataDir, logger });
  const read = again.requireAssetFilter('p1', 'mobile');
  assert.deepEqual({ ...read, tracks: read.tracks }, { ...patched, tracks: undefined });
  assert.deepEqual(again.listAssetFilters('p1').map((f) => f.name), ['mobile']);
  again.close();
});

test('rules a schema cannot say: ordered times, AMS bounds on window and back-off, values that parse for their property', async () => {
  const { catalog } = await withAsset();
  const bad: [string, Omit<NewAssetFilter, 'name'>][] = [
    ['presentationTimeRange.endTimestamp', { presentationTimeRange: { startTimestamp: 10, endTimestamp: 10 } }],
    ['presentationTimeRange.forceEndTimestamp', { presentationTimeRange: { forceEndTimestamp: true } }],
    ['presentationTimeRange.presentationWindowDuration', { presentationTimeRange: { presentationWindowDuration: 59 * S } }],
    ['presentationTimeRange.presentationWindowDuration', { presentationTimeRange: { presentationWindowDuration: 59 * 1000, timescale: 1000 } }],
    ['presentationTimeRange.liveBackoffDuration', { presentationTimeRange: { liveBackoffDuration: 301 * S } }],
    ['presentationTimeRange.liveBackoffDuration', { presentationTimeRange: { liveBackoffDuration: 120 * S, presentationWindowDuration: 120 * S } }],
    ['presentationTimeRange.startTimestamp', { presentationTimeRange: { startTimestamp: -1 } }],
    ['presentationTimeRange.startTimestamp', { presentationTimeRange: { startTimestamp: 2 ** 60 } }],
    ['tracks[0].trackSelections[0].value', { tracks: [{ trackSelections: [{ property: 'Bitrate', operation: 'Equal', value: '2000-1000' }] }] }],
    ['tracks[0].trackSelections[0].value', { tracks: [{ trackSelections: [{ property: 'Bitrate', operation: 'Equal', value: 'fast' }] }] }],
    ['tracks[0].trackSelections[0].value', { tracks: [{ trackSelections: [{ property: 'Type', operation: 'Equal', value: 'subtitles' }] }] }],
    ['tracks[0].trackSelections[0].value', { tracks: [{ trackSelections: [{ property: 'Language', operation: 'Equal', value: 'english language' }] }] }],
    ['tracks[0].trackSelections[0].value', { tracks: [{ trackSelections: [{ property: 'FourCC', operation: 'Equal', value: 'h264x' }] }] }],
    ['tracks[0].trackSelections', { tracks: [{ trackSelections: [] }] }],
  ];
  for (const [field, body] of bad) assert.throws(() => catalog.createAssetFilter('p1', { name: 'x', ...body }), rejectsWith('ERR_VALIDATION', field), field);
  assert.deepEqual(catalog.listAssetFilters('p1'), []);
  // The smallest window and the largest back-off are allowed, in any timescale.
  catalog.createAssetFilter('p1', { name: 'edges', presentationTimeRange: { presentationWindowDuration: 60 * 90000, liveBackoffDuration: 59 * 90000, timescale: 90000 } });
});

test('a locator may apply filters of its asset by default; a filter it applies cannot be deleted', async () => {
  const { catalog } = await withAsset();
  assert.throws(() => catalog.createLocator({ assetName: 'p1', filters: ['mobile'] }), rejectsWith('ERR_NOT_FOUND', 'filters[0]'));
  assert.throws(() => catalog.createLocator({ assetName: 'p1', filters: ['a', 'b', 'c', 'd'] }), rejectsWith('ERR_VALIDATION', 'filters'));
  catalog.createAssetFilter('p1', { name: 'mobile' });
  const locator = catalog.createLocator({ assetName: 'p1', filters: ['mobile', 'mobile'] });
  assert.deepEqual(catalog.requireLocator(locator.id).filters, ['mobile']);
  assert.throws(() => catalog.deleteAssetFilter('p1', 'mobile'), rejectsWith('ERR_FILTER_IN_USE'));
  catalog.deleteLocator(locator.id);
  catalog.deleteAssetFilter('p1', 'mobile');
  assert.throws(() => catalog.requireAssetFilter('p1', 'mobile'), rejectsWith('ERR_NOT_FOUND'));
  assert.throws(() => catalog.createAssetFilter('nope', { name: 'x' }), rejectsWith('ERR_NOT_FOUND'));
});

test("an asset's filters go with it, and a new asset of that name starts without them", async () => {
  const { catalog, control } = await withAsset();
  catalog.createAssetFilter('p1', { name: 'clip', presentationTimeRange: { startTimestamp: 0, endTimestamp: 60 * S } });
  await control.stopProgram('ch1', 'p1');
  await control.deleteAsset('p1');
  await control.startProgram('ch1', 'p1');
  assert.deepEqual(catalog.listAssetFilters('p1'), []);
});
