import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApi, TEST_KEY } from './test-api.js';

const cases: [string, Record<string, string>, number, string?][] = [
  ['no header', {}, 401, 'ERR_UNAUTHORIZED'],
  ['another scheme', { authorization: `Basic ${TEST_KEY}` }, 401, 'ERR_UNAUTHORIZED'],
  ['empty bearer', { authorization: 'Bearer ' }, 401, 'ERR_UNAUTHORIZED'],
  ['wrong key', { authorization: 'Bearer not-the-key' }, 403, 'ERR_FORBIDDEN'],
  ['key with a suffix', { authorization: `Bearer ${TEST_KEY}x` }, 403, 'ERR_FORBIDDEN'],
  ['right key', { authorization: `Bearer ${TEST_KEY}` }, 200],
  ['right key, lowercase scheme', { authorization: `bearer ${TEST_KEY}` }, 200],
];

for (const [name, headers, status, code] of cases) {
  test(`API key: ${name} → ${status}`, async () => {
    const { app } = await buildTestApi();
    const res = await app.inject({ method: 'GET', url: '/api/v1/channels', headers });
    assert.equal(res.statusCode, status);
    if (code) {
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().code, code);
      assert.ok(!res.body.includes(TEST_KEY), 'the key never appears in a response');
    }
    if (status === 401) assert.match(String(res.headers['www-authenticate']), /^Bearer/);
  });
}

test('API key: unknown API routes are 401 without a key, 404 with one', async () => {
  const { app } = await buildTestApi();
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).statusCode, 401);
  const res = await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { authorization: `Bearer ${TEST_KEY}` } });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'ERR_NOT_FOUND');
});
