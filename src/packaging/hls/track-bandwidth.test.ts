import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PresentationTrack } from '../../model/presentation.js';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { trackBandwidth } from './track-bandwidth.js';

const base = livePresentation().tracks[0];
const withEntries = (sizes: [number, number][]): PresentationTrack => {
  let t = 0n;
  const entries = sizes.map(([duration, byteLength], sequence) => {
    const e = { decodeTime: t, duration, sequence, trackVersion: 0, discontinuity: false, byteLength };
    t += BigInt(duration);
    return e;
  });
  return { ...base, entries };
};

describe('trackBandwidth', () => {
  it('uses nominal × 1.1 and the nominal average when nothing is listed', () => {
    assert.deepEqual(trackBandwidth(withEntries([]), 2000), { peak: 3300000, average: 3000000 });
  });

  it('keeps the nominal floor when the encoder stays under it', () => {
    assert.deepEqual(trackBandwidth(withEntries([[180000, 700000], [180000, 720000]]), 2000), { peak: 3300000, average: 2840000 });
  });

  it('takes the measured peak when one segment overshoots', () => {
    assert.equal(trackBandwidth(withEntries([[180000, 700000], [180000, 1000000]]), 2000).peak, 4000000);
  });

  it('does not let a short segment before a cut inflate the peak (bis §4.4.6.2)', () => {
    // 0.2 s with 100000 bytes would be 4 Mbit/s alone; with the next 2 s it is ~3.2 Mbit/s.
    const bw = trackBandwidth(withEntries([[18000, 100000], [180000, 700000]]), 2000);
    assert.equal(bw.peak, 3300000);
  });
});
