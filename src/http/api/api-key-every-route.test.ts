// 401 without a key and 403 with a wrong one on every operation the OpenAPI document says needs
// the key; nothing changes either way. Public operations answer without one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { buildWorld, fillUrl, observeApi } from './build-world.js';
import { TEST_KEY } from './test-api.js';
import { VALID_BODIES } from './valid-bodies.js';

test('every operation that needs the key refuses none (401) and a wrong one (403), changing nothing', async (t) => {
  const api = await buildWorld();
  const doc = (await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const before = await observeApi(api);
  let guarded = 0;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; security: unknown[] }>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const fixture = VALID_BODIES[op.operationId];
      const url = `/api/v1${fillUrl({ url: path.replace(/\{(\w+)\}/g, ':$1') }, fixture?.params)}`;
      // A body that would succeed, so only the key can be the reason for refusing it.
      const payload = fixture ? { payload: fixture.body } : {};
      const inject = (headers: Record<string, string>) => api.app.inject({ method: method.toUpperCase() as HTTPMethods, url, headers, ...payload });
      if (op.security.length === 0) {
        await t.test(`${op.operationId} is public`, async () => assert.equal((await inject({})).statusCode, 200));
        continue;
      }
      guarded++;
      await t.test(`${op.operationId}: ${method.toUpperCase()} ${path}`, async () => {
        for (const [headers, status, code] of [
          [{}, 401, 'ERR_UNAUTHORIZED'],
          [{ authorization: 'Bearer not-the-key' }, 403, 'ERR_FORBIDDEN'],
        ] as const) {
          const res = await inject(headers);
          assert.equal(res.statusCode, status);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.equal(res.json().code, code);
          assert.ok(!res.body.includes(TEST_KEY));
          if (status === 401) assert.match(String(res.headers['www-authenticate']), /^Bearer/);
        }
      });
    }
  }
  assert.ok(guarded >= 20);
  assert.deepEqual(await observeApi(api), before, 'nothing changed');
});
