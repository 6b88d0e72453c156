// 400 for every invalid field of every request body, table-driven from the validating schemas
// (invalid-bodies.ts) plus the semantic checks only the catalog makes. Each refusal names
// exactly the spoiled field and changes nothing the API shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { buildWorld, fillUrl, observeApi } from './build-world.js';
import { invalidBodies, untestedFields, type InvalidBody } from './invalid-bodies.js';
import { apiRoutes } from './register-api.js';
import { VALID_BODIES } from './valid-bodies.js';

const withBody = apiRoutes().filter((r) => r.body);

/** What the schema cannot say: address syntax, duration range, time order. */
const SEMANTIC: Record<string, [string, (valid: Record<string, any>) => void][]> = { // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are edited freely
  createChannel: [
    ['input.ipAllow[0].address', (b) => (b.input.ipAllow[0].address = '1.2.3')],
    ['input.ipAllow[0].prefixLength', (b) => (b.input.ipAllow[0].prefixLength = 33)],
    ['preview.ipAllow[0].address', (b) => (b.preview.ipAllow[0].address = 'localhost')],
  ],
  createProgram: [
    ['archiveWindow', (b) => (b.archiveWindow = 'PT1M')],
    ['archiveWindow', (b) => (b.archiveWindow = 'PT26H')],
    ['archiveWindow', (b) => (b.archiveWindow = '1 hour')],
  ],
  createLocator: [['expiryTime', (b) => ((b.startTime = '2030-01-02T00:00:00Z'), (b.expiryTime = '2030-01-01T00:00:00Z'))]],
};

test('every operation with a body has a valid body that sets every field', () => {
  for (const route of withBody) {
    const fixture = VALID_BODIES[route.operationId];
    assert.ok(fixture, `VALID_BODIES.${route.operationId} is missing`);
    assert.deepEqual(untestedFields(route.body!, fixture.body), [], `VALID_BODIES.${route.operationId} leaves fields out`);
  }
});

for (const route of withBody) {
  const fixture = VALID_BODIES[route.operationId];
  if (!fixture) continue;
  const cases: InvalidBody[] = [
    ...invalidBodies(route.body!, fixture.body),
    { field: 'body', why: 'not an object', body: [1, 2] },
    ...(SEMANTIC[route.operationId] ?? []).map(([field, spoil]) => {
      const body = structuredClone(fixture.body);
      spoil(body);
      return { field, why: `semantic: ${JSON.stringify(body)}`, body };
    }),
  ];
  test(`${route.operationId}: ${cases.length} invalid bodies → 400 naming the field, nothing changed`, async (t) => {
    const api = await buildWorld();
    const url = fillUrl(route, fixture.params);
    const before = await observeApi(api);
    for (const c of cases) {
      await t.test(`${c.field}: ${c.why}`, async () => {
        const res = await api.call(route.method as HTTPMethods, url, c.body);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.body.code, 'ERR_VALIDATION');
        assert.equal(res.body.field, c.field);
        assert.deepEqual([...new Set(res.body.invalidParams.map((p: { name: string }) => p.name))], [c.field], 'exactly that field');
        assert.ok(res.body.detail.includes(c.field));
      });
    }
    assert.deepEqual(await observeApi(api), before, 'nothing changed');
    // The unspoiled body is accepted, so each refusal above was for its one field.
    const ok = await api.call(route.method as HTTPMethods, url, fixture.body);
    assert.equal(ok.status, route.success.status, JSON.stringify(ok.body));
  });
}

test('broken JSON → 400 problem', async () => {
  const { app } = await buildWorld();
  const res = await app.inject({ method: 'POST', url: '/api/v1/channels', headers: { authorization: 'Bearer test-key-0123456789abcdef', 'content-type': 'application/json' }, payload: '{"name":' });
  assert.deepEqual([res.statusCode, res.json().code], [400, 'ERR_VALIDATION']);
});
