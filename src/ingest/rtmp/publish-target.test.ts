import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePublishTarget } from './publish-target.js';

describe('resolvePublishTarget', () => {
  const cases: { name: string; app: string; key: string; want: [string, string, string] }[] = [
    { name: 'ffmpeg rtmp://h/live/tok/s720', app: 'live/tok', key: 's720', want: ['live/tok', 's720', ''] },
    { name: 'OBS server rtmp://h/live/tok, key s720', app: 'live/tok/', key: 's720', want: ['live/tok', 's720', ''] },
    { name: 'key carrying the token', app: 'live', key: 'tok/s720', want: ['live/tok', 's720', ''] },
    { name: 'query on the name', app: 'live/tok', key: 's720?a=1&b=2', want: ['live/tok', 's720', 'a=1&b=2'] },
    { name: 'query on the app', app: 'live/tok?sig=x', key: 's720', want: ['live/tok', 's720', 'sig=x'] },
    { name: 'query on both', app: 'live/tok?sig=x', key: 's720?a=1', want: ['live/tok', 's720', 'sig=x&a=1'] },
    { name: '.flv suffix', app: 'live/tok', key: 's720.flv', want: ['live/tok', 's720', ''] },
    { name: 'flv: prefix and suffix with a query', app: 'live/tok', key: 'flv:s720.flv?x=1', want: ['live/tok', 's720', 'x=1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = resolvePublishTarget(c.app, c.key);
      assert.deepEqual([t.app, t.streamName, t.query], c.want);
    });
  }
});
