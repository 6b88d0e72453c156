import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiRoutes } from './register-api.js';
import { buildTestApi, TEST_KEY } from './test-api.js';

test('the OpenAPI document lists exactly the mounted routes, and every $ref resolves', async () => {
  const { app } = await buildTestApi();
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  const mounted = apiRoutes().map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort();
  assert.deepEqual(documented, mounted);
  for (const route of mounted) {
    const [method, path] = route.split(' ');
    const res = await app.inject({ method: method as 'GET', url: `/api/v1${path.replace(/\{\w+\}/g, 'x')}`, headers: { authorization: `Bearer ${TEST_KEY}` } });
    assert.notEqual(res.json().detail?.startsWith('no route'), true, `${route} is mounted`);
  }
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 10);
  for (const ref of refs) assert.ok(doc.components.schemas[ref], ref);
  assert.deepEqual(doc.paths['/openapi.json'].get.security, []);
  assert.equal(doc.paths['/channels'].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/ChannelCreate');
});
