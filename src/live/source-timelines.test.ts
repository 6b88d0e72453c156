import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceTimelines } from './source-timelines.js';

test('renditions of one encoder share an offset; a reconnect starts a new session at the live edge', () => {
  const s = new SourceTimelines();
  assert.deepEqual(s.join({ source: 's720', firstTimestampMs: 0, nowMediaMs: 0, endMediaMs: 0 }), { offsetMs: 0, discontinuity: false });
  assert.deepEqual(s.join({ source: 's480', firstTimestampMs: 40, nowMediaMs: 50, endMediaMs: 0 }), { offsetMs: 0, discontinuity: false });
  s.advance('s720', 60_000);
  s.advance('s480', 60_000);
  s.leave('s720');
  s.leave('s480');
  // The encoder comes back 5 s later with timestamps from zero.
  const again = s.join({ source: 's720', firstTimestampMs: 0, nowMediaMs: 65_000, endMediaMs: 60_000 });
  assert.deepEqual(again, { offsetMs: 65_000, discontinuity: true });
  assert.deepEqual(s.join({ source: 's480', firstTimestampMs: 20, nowMediaMs: 65_020, endMediaMs: 60_000 }), { offsetMs: 65_000, discontinuity: false });
});

test('media time never goes back, even when the wall clock lags what is stored', () => {
  const s = new SourceTimelines();
  s.join({ source: 'a', firstTimestampMs: 1000, nowMediaMs: 1000, endMediaMs: 0 });
  s.leave('a');
  assert.deepEqual(s.join({ source: 'a', firstTimestampMs: 0, nowMediaMs: 9_000, endMediaMs: 12_000 }), { offsetMs: 12_000, discontinuity: true });
});

test('a source whose timestamps are far from every running source starts its own session', () => {
  const s = new SourceTimelines();
  s.join({ source: 'a', firstTimestampMs: 0, nowMediaMs: 0, endMediaMs: 0 });
  s.advance('a', 120_000);
  const b = s.join({ source: 'b', firstTimestampMs: 0, nowMediaMs: 120_000, endMediaMs: 120_000 });
  assert.deepEqual(b, { offsetMs: 120_000, discontinuity: true });
});
