import assert from 'node:assert/strict';
import type { ApiRoute } from './api-route.js';
import { pathParameters } from './path-parameters.js';
import { apiRoutes } from './register-api.js';
import { buildTestApi } from './test-api.js';
import { SIGNING_KEY } from './valid-bodies.js';

export const LOCATOR_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
/** A well-formed id and name that nothing in the world has. */
export const MISSING = { id: '00000000-0000-4000-8000-000000000000', name: 'nope' };

/** The item of each collection that the world holds, by the collection a path parameter names. */
export const EXISTING: Record<string, string> = { channels: 'ch1', programs: 'p1', assets: 'p1', filters: 'f1', locators: LOCATOR_ID, 'streaming-endpoints': 'default' };

export type TestApi = Awaited<ReturnType<typeof buildTestApi>>;

/**
 * For API tests: one of everything. Channel ch1 Running, its program p1 Running and recording
 * into the live asset p1, its filter f1, a locator on that asset applying f1 by default, and
 * the Stopped streaming endpoint edge (signing URLs with key k1), so
 * every route has something to find.
 */
export async function buildWorld(): Promise<TestApi> {
  const api = await buildTestApi();
  const steps: [string, string, unknown?][] = [
    ['POST', '/channels', { name: 'ch1', input: { protocol: 'rtmp', accessToken: 'ch1token0123456789abcdef01234567' } }],
    ['POST', '/channels/ch1/start'],
    ['POST', '/channels/ch1/programs', { name: 'p1', archiveWindow: 'PT1H' }],
    ['POST', '/channels/ch1/programs/p1/start'],
    ['POST', '/assets/p1/filters', { name: 'f1', tracks: [{ trackSelections: [{ property: 'Type', value: 'video' }] }] }],
    ['POST', '/locators', { assetName: 'p1', id: LOCATOR_ID, filters: ['f1'] }],
    // A Stopped endpoint besides default, whose port may change.
    ['POST', '/streaming-endpoints', { name: 'edge', port: 9000, urlSigning: { keys: [{ id: 'k1', base64Key: SIGNING_KEY }] } }],
  ];
  for (const [method, url, body] of steps) {
    const res = await api.call(method as 'POST', url, body);
    assert.ok(res.status < 300, `world: ${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return api;
}

/**
 * The route's URL (without /api/v1) with its parameters filled in: `values` by parameter name
 * first, else the world's item of that collection. An unknown collection throws, so a new
 * resource is noticed here rather than tested against a made-up name.
 */
export function fillUrl(route: Pick<ApiRoute, 'url'>, values: Record<string, string> = {}): string {
  let url = route.url;
  for (const p of pathParameters(route.url)) {
    const value = values[p.name] ?? EXISTING[p.collection];
    if (value === undefined) throw new Error(`no world item for ${p.collection} (${route.url}): add it to EXISTING and buildWorld`);
    url = url.replace(`:${p.name}`, encodeURIComponent(value));
  }
  return url;
}

/**
 * Everything the API shows: every authorised GET route on the world's items. Comparing two of
 * these proves that a failed call changed nothing a client can see.
 */
export async function observeApi(api: TestApi): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  // Health is the process's state (memory, uptime), not the resources': it changes by itself.
  for (const route of apiRoutes().filter((r) => r.method === 'GET' && !r.public && r.operationId !== 'getHealth')) {
    const url = fillUrl(route);
    const res = await api.call('GET', url);
    seen[url] = [res.status, res.body];
  }
  return seen;
}
