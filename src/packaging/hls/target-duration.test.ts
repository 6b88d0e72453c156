import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { roundedExtinfSeconds, targetDuration } from './target-duration.js';

describe('targetDuration', () => {
  it('rounds an EXTINF the way a client reads the printed value', () => {
    assert.equal(roundedExtinfSeconds(96256, 48000), 2);
    // 2.4995 s prints as 2.500, which a client rounds to 3, not 2.
    assert.equal(roundedExtinfSeconds(224955, 90000), 3);
  });

  it('starts from the ceiling of the key frame interval', () => {
    assert.equal(targetDuration({ ...livePresentation(), targetSegmentMs: 2500 }), 3);
    assert.equal(targetDuration(livePresentation()), 2);
  });

  it('grows when a listed segment rounds above the target', () => {
    const p = livePresentation();
    const [first, ...rest] = p.tracks;
    const long = { ...first, entries: first.entries.map((e, i) => (i === 4 ? { ...e, duration: 225000 } : e)) };
    assert.equal(targetDuration({ ...p, tracks: [long, ...rest] }), 3);
  });
});
