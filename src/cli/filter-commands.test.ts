import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from './cli-error.js';
import { describeFilter, parseTrackSelection } from './filter-commands.js';

test('a --track spec is one selection: conditions joined by +, != for NotEqual, properties in any case', () => {
  assert.deepEqual(parseTrackSelection('type=video+Bitrate=0-1500000+language!=de'), {
    trackSelections: [
      { property: 'Type', operation: 'Equal', value: 'video' },
      { property: 'Bitrate', operation: 'Equal', value: '0-1500000' },
      { property: 'Language', operation: 'NotEqual', value: 'de' },
    ],
  });
  assert.deepEqual(parseTrackSelection('FOURCC=hvc1').trackSelections, [{ property: 'FourCC', operation: 'Equal', value: 'hvc1' }]);
  for (const bad of ['colour=red', 'type', 'type=', '+type=video', 'bitrate>5']) {
    assert.throws(() => parseTrackSelection(bad), (e: unknown) => e instanceof CliError && e.exitCode === 2, bad);
  }
});

test('a filter is described with its times, its first quality and its selections as a person reads them', () => {
  const text = describeFilter({
    name: 'mobile',
    assetName: 'show',
    presentationTimeRange: { startTimestamp: 10, liveBackoffDuration: 6, timescale: 1 },
    firstQuality: { bitrate: 800000 },
    tracks: [{ trackSelections: [{ property: 'Type', operation: 'Equal', value: 'video' }] }, { trackSelections: [{ property: 'Language', operation: 'NotEqual', value: 'de' }] }],
  });
  assert.match(text, /^Start: +10$/m);
  assert.match(text, /^Backoff: +6$/m);
  assert.match(text, /^First quality: +800000 b\/s$/m);
  assert.match(text, /^Tracks: +Type=video {2}or {2}Language!=de$/m);
  assert.doesNotMatch(text, /^End:/m);
  assert.match(describeFilter({ name: 'all', assetName: 'show' }), /^Tracks: +all$/m);
});
