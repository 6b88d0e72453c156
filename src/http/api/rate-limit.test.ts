import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { problemErrorHandler } from '../problem.js';
import { apiRateLimit } from './rate-limit.js';

test('a burst, then the rate; each address has its own bucket; 429 says when to retry', async () => {
  let now = 0;
  const app = Fastify();
  app.setErrorHandler(problemErrorHandler);
  app.get('/api/v1/x', { onRequest: apiRateLimit(2, 3, () => now) }, async () => ({ ok: true }));
  const get = (remoteAddress: string) => app.inject({ method: 'GET', url: '/api/v1/x', remoteAddress });
  const statuses = async (address: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await get(address)).statusCode);
    return out;
  };
  assert.deepEqual(await statuses('192.0.2.1', 4), [200, 200, 200, 429]);
  const refused = await get('192.0.2.1');
  assert.equal(refused.json().code, 'ERR_RATE_LIMITED');
  assert.equal(refused.headers['retry-after'], '1');
  assert.deepEqual(await statuses('192.0.2.2', 3), [200, 200, 200], 'another address is not affected');
  now += 1000;
  assert.deepEqual(await statuses('192.0.2.1', 3), [200, 200, 429], 'two more a second later');
  now += 60_000;
  assert.deepEqual(await statuses('192.0.2.1', 4), [200, 200, 200, 429], 'never more than the burst, however long the pause');
});
