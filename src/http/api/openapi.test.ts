import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods, RouteOptions } from 'fastify';
import { NAME_PATTERN } from '../../catalog/names.js';
import { UUID_PATTERN } from '../../catalog/locator.js';
import { problemStatuses } from './openapi.js';
import { API_PREFIX, apiRoutes } from './register-api.js';
import { SCHEMAS } from './schemas.js';
import { buildTestApi, TEST_KEY } from './test-api.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed JSON document, walked freely
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

async function served() {
  const mounted: string[] = [];
  // Every route fastify mounts under the prefix, as fastify sees it: a route added by any means shows up here.
  const onRoute = (route: RouteOptions) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    for (const m of ([] as HTTPMethods[]).concat(route.method)) if (m !== 'HEAD') mounted.push(`${m} ${route.url.slice(API_PREFIX.length).replace(/:(\w+)/g, '{$1}')}`);
  };
  const api = await buildTestApi({ onRoute });
  const doc = (await api.app.inject({ method: 'GET', url: `${API_PREFIX}/openapi.json` })).json() as Doc;
  const operations = Object.entries(doc.paths as Doc).flatMap(([path, ops]) => Object.entries(ops as Doc).map(([method, op]) => ({ method: method.toUpperCase(), path, op: op as Doc })));
  return { ...api, doc, operations, mounted: mounted.sort() };
}

test('every route fastify mounts is documented, and every documented operation is mounted', async () => {
  const { app, operations, mounted } = await served();
  const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
  assert.deepEqual(documented, mounted);
  assert.deepEqual(apiRoutes().map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort(), documented, 'the route table is what is mounted');
  for (const { method, path } of operations) {
    const url = `${API_PREFIX}${path.replace(/\{\w+\}/g, 'x')}`;
    assert.ok(app.hasRoute({ method: method as HTTPMethods, url: `${API_PREFIX}${path.replace(/\{(\w+)\}/g, ':$1')}` }), `${method} ${path} has a fastify route`);
    const res = await app.inject({ method: method as HTTPMethods, url, headers: { authorization: `Bearer ${TEST_KEY}` } });
    // Fastify's not-found handler is the only thing that answers "no route".
    assert.ok(!(res.statusCode === 404 && String(res.json().detail).startsWith('no route')), `${method} ${path} is mounted`);
  }
  assert.match(app.printRoutes({ commonPrefix: false }), /openapi\.json/);
});

test('the document is OpenAPI 3.1 whose every $ref resolves and every operationId is unique', async () => {
  const { doc, operations } = await served();
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.deepEqual(doc.servers, [{ url: API_PREFIX }]);
  assert.deepEqual(doc.components.securitySchemes.bearerAuth, { ...doc.components.securitySchemes.bearerAuth, type: 'http', scheme: 'bearer' });
  for (const [path, ops] of Object.entries(doc.paths as Doc)) {
    assert.match(path, /^\/[^:]*$/, 'OpenAPI path syntax');
    for (const method of Object.keys(ops)) assert.ok(METHODS.includes(method), `${path}: ${method}`);
  }
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref') refs.push(v as string);
        else walk(v);
      }
    }
  };
  walk(doc);
  assert.ok(refs.length > 20);
  for (const ref of refs) {
    assert.match(ref, /^#\//, ref);
    const target = ref.slice(2).split('/').reduce<unknown>((n, k) => (n as Doc | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    assert.ok(target && typeof target === 'object', `${ref} resolves`);
  }
  const ids = operations.map((o) => o.op.operationId);
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  assert.deepEqual([...ids].sort(), apiRoutes().map((r) => r.operationId).sort());
  const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
  for (const { method, path, op } of operations) {
    const where = `${method} ${path}`;
    assert.ok(op.summary, `${where} has a summary`);
    assert.ok(op.tags.length === 1 && tags.has(op.tags[0]), `${where} has a declared tag`);
    assert.equal(Object.keys(op.responses).filter((s) => s.startsWith('2')).length, 1, `${where} has one success response`);
  }
});

test('path parameters are declared with their patterns', async () => {
  const { operations } = await served();
  for (const { method, path, op } of operations) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? []) as Doc[];
    assert.deepEqual(declared.map((p) => p.name), inPath, `${method} ${path}`);
    for (const p of declared) {
      assert.deepEqual([p.in, p.required, p.schema.type], ['path', true, 'string']);
      assert.equal(p.schema.pattern, p.name === 'id' ? UUID_PATTERN : NAME_PATTERN, `${method} ${path} {${p.name}}`);
      assert.ok(p.description);
    }
    if (inPath.length > 0) assert.ok(op.responses['404'], `${method} ${path} has parameters, so documents 404`);
  }
});

test('bodies and success responses use the schemas that validate; problems use the Problem schema', async () => {
  const { doc } = await served();
  const componentOf = new Map(Object.entries(SCHEMAS).map(([name, schema]) => [schema, name]));
  for (const route of apiRoutes()) {
    const where = `${route.method} ${route.url}`;
    const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];
    if (route.body) {
      assert.ok(componentOf.has(route.body), `${where}: its body schema is a named component in SCHEMAS`);
      assert.deepEqual(op.requestBody, { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${componentOf.get(route.body)}` } } } });
    } else assert.equal(op.requestBody, undefined, where);
    const success = op.responses[route.success.status];
    if (route.success.schema) assert.ok(success.content[route.success.contentType ?? 'application/json'].schema, where);
    else assert.equal(success.content, undefined, where);
    const problems = Object.keys(op.responses).filter((s) => s >= '400').map(Number);
    assert.deepEqual(problems, problemStatuses(route), where);
    if (!route.public) for (const s of [401, 403, 500]) assert.ok(problems.includes(s), `${where} documents ${s}`);
    assert.equal(problems.includes(400), Boolean(route.body), `${where}: 400 exactly when there is a body`);
    for (const s of problems) {
      assert.deepEqual(op.responses[s].content, { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }, `${where} ${s}`);
      assert.ok(op.responses[s]['x-error-codes'].length > 0, `${where} ${s} names its codes`);
    }
  }
});

test('the bearer scheme applies to every operation except the public API description', async () => {
  const { operations } = await served();
  const publicOps = operations.filter((o) => o.op.security.length === 0).map((o) => `${o.method} ${o.path}`);
  assert.deepEqual(publicOps.sort(), ['GET /openapi.json', 'GET /reference']);
  for (const { op } of operations) if (op.security.length) assert.deepEqual(op.security, [{ bearerAuth: [] }]);
});
