import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactIngestPath } from './redact-ingest-path.js';
import { sameSecret } from './same-secret.js';

test('secrets compare equal only when equal, whatever their lengths', () => {
  assert.equal(sameSecret('abc', 'abc'), true);
  assert.equal(sameSecret('abc', 'abd'), false);
  assert.equal(sameSecret('abc', 'abcd'), false);
  assert.equal(sameSecret('', 'x'), false);
});

test('ingest paths are logged without their token', () => {
  assert.equal(redactIngestPath('live/3f2b6c1e8d4a4c2e9f1b2a7d5e9c0b11'), 'live/***');
  assert.equal(redactIngestPath('rtmp://media.example:1935/live/secret-token?x=1'), 'rtmp://media.example:1935/live/***?x=1');
  assert.equal(redactIngestPath('app'), 'app');
  assert.equal(redactIngestPath(undefined), undefined);
});
