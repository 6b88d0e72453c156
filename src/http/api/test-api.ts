import Fastify, { type HTTPMethods, type RouteOptions } from 'fastify';
import { openTempCatalog } from '../../catalog/temp-catalog.js';
import { ApiKeyStore } from '../../config/api-key-store.js';
import { registerApi } from './register-api.js';

export const TEST_KEY = 'test-key-0123456789abcdef';

/**
 * For tests: the API on a real SQLite catalog in a temp dir, fake runtimes, and a key.
 * `onRoute` sees every route fastify mounts (it must be hooked before registration).
 */
export async function buildTestApi(options: { onRoute?: (route: RouteOptions) => void; fixedKey?: boolean } = {}) {
  const env = openTempCatalog();
  const app = Fastify();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  await registerApi(app, {
    catalog: env.catalog,
    runtime: env.runtime,
    endpointRuntime: env.endpointRuntime,
    reservedPorts: () => new Map([[8080, 'HTTP'], [1935, 'RTMP primary'], [1936, 'RTMP secondary']]),
    apiKey: new ApiKeyStore(TEST_KEY, options.fixedKey ? { kind: 'configured' } : { kind: 'memory' }),
    logger: env.logger,
    ingestUrls: { rtmpPrimary: 'rtmp://media.test:1935', rtmpSecondary: 'rtmp://media.test:1936' },
    playbackBaseUrl: 'http://media.test:8080',
  });
  const auth = { authorization: `Bearer ${TEST_KEY}` };
  /** An authorised request; returns status, parsed body and headers. */
  async function call(method: HTTPMethods, url: string, body?: unknown) {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: auth, ...(body === undefined ? {} : { payload: body as object }) });
    // JSON and problem+json are parsed; anything else (the HTML reference) stays text.
    const json = /json/.test(String(res.headers['content-type']));
    return { status: res.statusCode, body: res.body && json ? res.json() : res.body || undefined, headers: res.headers };
  }
  return { ...env, app, call };
}
