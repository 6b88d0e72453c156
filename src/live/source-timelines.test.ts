import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EncoderInfo } from '../ingest/ingest-target.js';
import { SourceTimelines } from './source-timelines.js';

const enc = (id: string, role: 'primary' | 'secondary' = 'primary'): EncoderInfo => ({ id, role, remoteAddress: '127.0.0.1', protocol: 'rtmp' });
const join = (s: SourceTimelines, source: string, id: string, firstTimestampMs: number, nowMediaMs: number, endMediaMs = 0) =>
  s.join({ source, encoder: enc(id), firstTimestampMs, nowMediaMs, endMediaMs, now: 0 });

test('renditions of one encoder share an offset; a reconnect starts a new session at the live edge', () => {
  const s = new SourceTimelines();
  assert.deepEqual(join(s, 's720', 'c1', 0, 0), { offsetMs: 0, discontinuity: false, redundant: false, align: false });
  assert.deepEqual(join(s, 's480', 'c2', 40, 50), { offsetMs: 0, discontinuity: false, redundant: false, align: false });
  s.leave('c1');
  s.leave('c2');
  // The encoder comes back 5 s after the stored end, its timestamps from zero again.
  assert.deepEqual(join(s, 's720', 'c3', 0, 65_000, 60_000), { offsetMs: 65_000, discontinuity: true, redundant: false, align: false });
  assert.deepEqual(join(s, 's480', 'c4', 20, 65_020, 60_000), { offsetMs: 65_000, discontinuity: false, redundant: false, align: false });
});

test('media time never goes back, even when the wall clock lags what is stored', () => {
  const s = new SourceTimelines();
  join(s, 'a', 'c1', 1000, 1000);
  s.leave('c1');
  assert.equal(join(s, 'a', 'c2', 0, 9_000, 12_000).offsetMs, 12_000);
});

test('a redundant RTMP encoder starting later is placed at the live edge and then aligned', () => {
  const s = new SourceTimelines();
  join(s, 's720', 'primary', 0, 0);
  const b = s.join({ source: 's720', encoder: enc('secondary', 'secondary'), firstTimestampMs: 0, nowMediaMs: 60_000, endMediaMs: 59_000, now: 0 });
  assert.deepEqual(b, { offsetMs: 60_000, discontinuity: false, redundant: true, align: true });
  s.aligned('secondary', -120);
  const described = s.describe().find((e) => e.encoder === 'secondary')!;
  assert.equal(described.offsetMs, 59_880);
  assert.equal(described.aligned, true);
  assert.equal(s.mayPublish('secondary'), true);
});

test('an encoder whose key frames match no cut is held in reserve while an aligned one runs', () => {
  const s = new SourceTimelines();
  join(s, 's720', 'a', 0, 0);
  join(s, 's720', 'b', 0, 30_000);
  s.aligned('b', undefined);
  assert.equal(s.mayPublish('b'), false);
  assert.equal(s.describe().find((e) => e.encoder === 'b')!.aligned, false);
  s.leave('a');
  assert.equal(s.mayPublish('b'), true, 'it carries on alone once the aligned one has gone');
});

test('redundant encoders on one clock (synced Smooth time codes) join with the same offset, aligned', () => {
  const s = new SourceTimelines();
  const t0 = 1_790_000_000_000;
  join(s, 'cam', 'a', t0, t0);
  const b = join(s, 'cam', 'b', t0 + 30_000, t0 + 30_200);
  assert.deepEqual(b, { offsetMs: 0, discontinuity: false, redundant: true, align: false });
  assert.equal(s.mayPublish('b'), true);
});

test('an encoder that leaves while its partner runs does not list the fragment it cuts short', () => {
  const s = new SourceTimelines();
  join(s, 'cam', 'a', 0, 0);
  join(s, 'cam', 'b', 0, 20);
  s.leave('a');
  assert.equal(s.mayPublish('a'), false);
  s.leave('b');
  assert.equal(s.mayPublish('b'), true, 'the last one out lists what it has');
});
