// 404 for each missing resource: for every operation that documents 404, each of its path
// parameters in turn names something that does not exist (the ones before it exist), plus the
// bodies that refer to a missing resource. Nothing changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { buildWorld, fillUrl, MISSING, observeApi } from './build-world.js';
import { problemStatuses } from './openapi.js';
import { pathParameters } from './path-parameters.js';
import { apiRoutes } from './register-api.js';
import { VALID_BODIES } from './valid-bodies.js';

interface Case {
  operationId: string;
  method: HTTPMethods;
  url: string;
  body?: unknown;
  missing: string;
  field?: string;
}

const routes = apiRoutes();
const byId = (id: string) => routes.find((r) => r.operationId === id)!;

const cases: Case[] = routes.flatMap((route) =>
  pathParameters(route.url).map((p) => {
    const missing = p.name === 'id' ? MISSING.id : MISSING.name;
    const fixture = VALID_BODIES[route.operationId];
    return { operationId: route.operationId, method: route.method as HTTPMethods, url: fillUrl(route, { ...fixture?.params, [p.name]: missing }), body: fixture?.body, missing };
  }),
);
/** Bodies that name another resource. */
cases.push({ operationId: 'createLocator', method: 'POST', url: fillUrl(byId('createLocator')), body: { ...VALID_BODIES.createLocator.body, assetName: MISSING.name }, missing: MISSING.name, field: 'assetName' });

test('every operation that documents 404 has a case, and every case is documented', () => {
  const documented = routes.filter((r) => problemStatuses(r).includes(404)).map((r) => r.operationId);
  assert.deepEqual([...new Set(cases.map((c) => c.operationId))].sort(), documented.sort());
});

test('missing resources → 404 ERR_NOT_FOUND naming them, nothing changed', async (t) => {
  const api = await buildWorld();
  const before = await observeApi(api);
  for (const c of cases) {
    await t.test(`${c.operationId}: ${c.method} ${c.url}${c.field ? ` (${c.field})` : ''}`, async () => {
      const res = await api.call(c.method, c.url, c.body);
      assert.deepEqual([res.status, res.body.code], [404, 'ERR_NOT_FOUND'], JSON.stringify(res.body));
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.ok(res.body.detail.includes(c.missing), res.body.detail);
      assert.ok(!res.body.detail.startsWith('no route'), 'the route exists; the resource does not');
      if (c.field) assert.equal(res.body.field, c.field);
    });
  }
  assert.deepEqual(await observeApi(api), before, 'nothing changed');
});
