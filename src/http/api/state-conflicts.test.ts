// 409 for each forbidden transition, taken from the catalog's own action table: the entity is
// put in every state (transient ones through the catalog's transitions, as a request in flight
// would leave them) and every action the table forbids there is called. The state must not move.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { CHANNEL_STATES, type ChannelState } from '../../catalog/channel.js';
import { PROGRAM_STATES, type ProgramState } from '../../catalog/program.js';
import { CHANNEL_ACTIONS, PROGRAM_ACTIONS, type Action, type ActionName } from '../../catalog/state-machines.js';
import { buildTestApi } from './test-api.js';
import { buildWorld, LOCATOR_ID, observeApi, type TestApi } from './build-world.js';
import { problemStatuses } from './openapi.js';
import { apiRoutes } from './register-api.js';

/** Rules the API enforces besides the action table: delete needs Stopped, reset needs Running. */
const CHANNEL_RULES: Record<string, { from: readonly string[]; method: HTTPMethods; path: string }> = {
  ...Object.fromEntries(Object.entries(CHANNEL_ACTIONS).map(([name, a]) => [name, { from: a.from, method: 'POST', path: `/${name}` }])),
  delete: { from: ['Stopped'], method: 'DELETE', path: '' },
  reset: { from: ['Running'], method: 'POST', path: '/reset' },
};
const PROGRAM_RULES: Record<string, { from: readonly string[]; method: HTTPMethods; path: string }> = {
  ...Object.fromEntries(Object.entries(PROGRAM_ACTIONS).map(([name, a]) => [name, { from: a.from, method: 'POST', path: `/${name}` }])),
  delete: { from: ['Stopped'], method: 'DELETE', path: '' },
};

/**
 * The steps from Stopped to `target` by the table: a `done` state is reached by taking its action
 * through the API, a `during` state by beginning that action in the catalog and going no further.
 */
function route<S extends string>(actions: Record<ActionName, Action<S>>, target: S, from: S = 'Stopped' as S, depth = 0): { action: ActionName; begin: boolean }[] | undefined {
  if (target === from) return [];
  if (depth > 4) return undefined;
  for (const [name, a] of Object.entries(actions) as [ActionName, Action<S>][]) {
    if (a.done !== target && a.during !== target) continue;
    for (const start of a.from) {
      const before = route(actions, start, from, depth + 1);
      if (before) return [...before, { action: name, begin: a.during === target }];
    }
  }
  return undefined;
}

async function putChannel(api: TestApi, name: string, target: ChannelState): Promise<void> {
  assert.equal((await api.call('POST', '/channels', { name, input: { protocol: 'rtmp' } })).status, 201);
  const steps = route(CHANNEL_ACTIONS, target);
  // Deleting is in the contract but never stored (deletes are one transaction); store it anyway.
  if (!steps) return void api.catalog.channels.setState(name, target, api.catalog.timestamp());
  for (const { action, begin } of steps) {
    if (begin) api.catalog.transitions.beginChannel(name, action);
    else assert.equal((await api.call('POST', `/channels/${name}/${action}`)).status, 200);
  }
}

async function putProgram(api: TestApi, name: string, target: ProgramState): Promise<void> {
  assert.equal((await api.call('POST', '/channels/ch1/programs', { name, archiveWindow: 'PT1H' })).status, 201);
  for (const { action, begin } of route(PROGRAM_ACTIONS, target) ?? assert.fail(`no way to ${target}`)) {
    if (begin && action === 'start') api.catalog.transitions.beginProgramStart('ch1', name);
    else if (begin) api.catalog.transitions.beginProgramStop('ch1', name);
    else assert.equal((await api.call('POST', `/channels/ch1/programs/${name}/${action}`)).status, 200);
  }
}

for (const state of CHANNEL_STATES) {
  const forbidden = Object.entries(CHANNEL_RULES).filter(([, r]) => !r.from.includes(state));
  test(`a ${state} channel refuses ${forbidden.map(([n]) => n).join(', ')} with 409 ERR_CHANNEL_STATE`, async () => {
    const api = await buildWorld();
    await putChannel(api, 'subject', state);
    assert.equal(api.catalog.requireChannel('subject').state, state);
    const before = await observeApi(api);
    for (const [name, rule] of forbidden) {
      const res = await api.call(rule.method, `/channels/subject${rule.path}`);
      assert.deepEqual([res.status, res.body.code], [409, 'ERR_CHANNEL_STATE'], `${name}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.detail.includes(state), res.body.detail);
      assert.equal(api.catalog.requireChannel('subject').state, state, `${name} left the state alone`);
    }
    assert.deepEqual(await observeApi(api), before, 'nothing changed');
  });
}

for (const state of PROGRAM_STATES) {
  const forbidden = Object.entries(PROGRAM_RULES).filter(([, r]) => !r.from.includes(state));
  test(`a ${state} program refuses ${forbidden.map(([n]) => n).join(', ')} with 409 ERR_PROGRAM_STATE`, async () => {
    const api = await buildWorld();
    await putProgram(api, 'subject', state);
    assert.equal(api.catalog.requireProgram('ch1', 'subject').state, state);
    const before = await observeApi(api);
    for (const [name, rule] of forbidden) {
      const res = await api.call(rule.method, `/channels/ch1/programs/subject${rule.path}`);
      assert.deepEqual([res.status, res.body.code], [409, 'ERR_PROGRAM_STATE'], `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(api.catalog.requireProgram('ch1', 'subject').state, state, `${name} left the state alone`);
    }
    assert.deepEqual(await observeApi(api), before, 'nothing changed');
  });
}

/** The other conflicts: names in use, limits, and states of related resources. */
const OTHER: [string, string, [HTTPMethods, string, unknown?][], HTTPMethods, string, unknown, string][] = [
  ['a channel name in use', 'createChannel', [], 'POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp' } }, 'ERR_ALREADY_EXISTS'],
  ['an access token in use', 'createChannel', [], 'POST', '/channels', { name: 'ch2', input: { protocol: 'rtmp', accessToken: '' } }, 'ERR_ALREADY_EXISTS'],
  ['a program name in use', 'createProgram', [], 'POST', '/channels/ch1/programs', { name: 'p1', archiveWindow: 'PT1H' }, 'ERR_ALREADY_EXISTS'],
  ['an asset another program records', 'createProgram', [], 'POST', '/channels/ch1/programs', { name: 'p2', assetName: 'p1', archiveWindow: 'PT1H' }, 'ERR_ALREADY_EXISTS'],
  ['a fourth program', 'createProgram', [['POST', '/channels/ch1/programs', { name: 'p2', archiveWindow: 'PT1H' }], ['POST', '/channels/ch1/programs', { name: 'p3', archiveWindow: 'PT1H' }]], 'POST', '/channels/ch1/programs', { name: 'p4', archiveWindow: 'PT1H' }, 'ERR_LIMIT'],
  ['a filter name in use', 'createAssetFilter', [], 'POST', '/assets/p1/filters', { name: 'f1' }, 'ERR_ALREADY_EXISTS'],
  ['deleting a filter a locator applies', 'deleteAssetFilter', [], 'DELETE', '/assets/p1/filters/f1', undefined, 'ERR_FILTER_IN_USE'],
  ['a locator id in use', 'createLocator', [], 'POST', '/locators', { assetName: 'p1', id: LOCATOR_ID }, 'ERR_ALREADY_EXISTS'],
  ['stopping a channel with a Running program', 'stopChannel', [], 'POST', '/channels/ch1/stop', undefined, 'ERR_CHANNEL_STATE'],
  ['deleting a Running channel with its programs', 'deleteChannel', [], 'DELETE', '/channels/ch1', undefined, 'ERR_CHANNEL_STATE'],
  ['starting a program on a Stopped channel', 'startProgram', [['POST', '/channels', { name: 'ch2', input: { protocol: 'rtmp' } }], ['POST', '/channels/ch2/programs', { name: 'q', archiveWindow: 'PT1H' }]], 'POST', '/channels/ch2/programs/q/start', undefined, 'ERR_CHANNEL_STATE'],
  ['resetting a Stopped channel', 'resetChannel', [['POST', '/channels', { name: 'ch2', input: { protocol: 'rtmp' } }]], 'POST', '/channels/ch2/reset', undefined, 'ERR_CHANNEL_STATE'],
  ['stopping a Stopped program', 'stopProgram', [['POST', '/channels/ch1/programs/p1/stop']], 'POST', '/channels/ch1/programs/p1/stop', undefined, 'ERR_PROGRAM_STATE'],
  ['deleting a Running program', 'deleteProgram', [], 'DELETE', '/channels/ch1/programs/p1', undefined, 'ERR_PROGRAM_STATE'],
  ['starting a channel twice', 'startChannel', [], 'POST', '/channels/ch1/start', undefined, 'ERR_CHANNEL_STATE'],
  ['changing the token of a Running channel', 'updateChannel', [], 'PATCH', '/channels/ch1', { input: { accessToken: 'another0123456789abcdef0123456789' } }, 'ERR_CHANNEL_STATE'],
  ['deleting an asset a Running program records', 'deleteAsset', [], 'DELETE', '/assets/p1', undefined, 'ERR_ASSET_STATE'],
  ['a streaming endpoint name in use', 'createStreamingEndpoint', [], 'POST', '/streaming-endpoints', { name: 'edge', port: 9010 }, 'ERR_ALREADY_EXISTS'],
  ["another endpoint's port", 'createStreamingEndpoint', [], 'POST', '/streaming-endpoints', { name: 'edge2', port: 9000 }, 'ERR_PORT_IN_USE'],
  ["the server's HTTP port", 'updateStreamingEndpoint', [], 'PATCH', '/streaming-endpoints/edge', { port: 8080 }, 'ERR_PORT_IN_USE'],
  ['deleting default', 'deleteStreamingEndpoint', [], 'DELETE', '/streaming-endpoints/default', undefined, 'ERR_DEFAULT_ENDPOINT'],
  ['stopping default', 'stopStreamingEndpoint', [], 'POST', '/streaming-endpoints/default/stop', undefined, 'ERR_DEFAULT_ENDPOINT'],
  ['starting the Running default', 'startStreamingEndpoint', [], 'POST', '/streaming-endpoints/default/start', undefined, 'ERR_STREAMING_ENDPOINT_STATE'],
  ['signing URLs on an endpoint without keys', 'signPlaybackUrls', [], 'POST', '/streaming-endpoints/default/sign', { locatorId: LOCATOR_ID, expiryTime: '2099-01-01T00:00:00Z' }, 'ERR_URL_SIGNING_OFF'],
  ['scaling a Stopped endpoint', 'scaleStreamingEndpoint', [], 'POST', '/streaming-endpoints/edge/scale', { scaleUnits: 2 }, 'ERR_STREAMING_ENDPOINT_STATE'],
];

// The access token case needs ch1's token, which the world chose at random.
async function resolveBody(api: TestApi, body: unknown): Promise<unknown> {
  const b = body as { input?: { accessToken?: string } } | undefined;
  if (b?.input?.accessToken === '') return { ...b, input: { ...b.input, accessToken: api.catalog.requireChannel('ch1').input.accessToken } };
  return body;
}

test('409 ERR_API_KEY_CONFIGURED: rotating a key that comes from the configuration', async () => {
  const api = await buildTestApi({ fixedKey: true });
  const res = await api.call('POST', '/api-key/rotate');
  assert.deepEqual([res.status, res.body.code], [409, 'ERR_API_KEY_CONFIGURED']);
  assert.equal((await api.call('GET', '/channels')).status, 200, 'the configured key still works');
});

test('every operation that documents 409 has a conflict case', () => {
  const covered = new Set([...OTHER.map((c) => c[1]), 'rotateApiKey']);
  for (const r of apiRoutes()) if (problemStatuses(r).includes(409)) assert.ok(covered.has(r.operationId), `${r.operationId} has no 409 case`);
});

for (const [name, , setup, method, url, body, code] of OTHER) {
  test(`409 ${code}: ${name}`, async () => {
    const api = await buildWorld();
    for (const [m, u, b] of setup) assert.ok((await api.call(m, u, b)).status < 300, `${m} ${u}`);
    const before = await observeApi(api);
    const res = await api.call(method, url, await resolveBody(api, body));
    assert.deepEqual([res.status, res.body.code], [409, code], JSON.stringify(res.body));
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(await observeApi(api), before, 'nothing changed');
  });
}
