import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { limitConnectionsPerAddress } from './connections-per-address.js';

test('connections over the per-address cap are closed at once; others and later ones get in', async () => {
  const accepted: Socket[] = [];
  const server = createServer((s) => accepted.push(s));
  const refused: string[] = [];
  const open = limitConnectionsPerAddress(server, 2, (a) => refused.push(a));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const dial = async (localAddress: string) => {
    const s = connect({ port, host: '127.0.0.1', localAddress });
    await once(s, 'connect');
    return s;
  };
  const a1 = await dial('127.0.0.2');
  await dial('127.0.0.2');
  const third = await dial('127.0.0.2');
  await once(third, 'close');
  assert.deepEqual(refused, ['127.0.0.2']);
  const other = await dial('127.0.0.3');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(open.get('127.0.0.2'), 2);
  assert.equal(open.get('127.0.0.3'), 1);
  a1.destroy();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(open.get('127.0.0.2'), 1, 'a closed connection frees its place');
  const again = await dial('127.0.0.2');
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(!again.destroyed && !other.destroyed);
  for (const s of accepted) s.destroy();
  server.close();
  for (const s of [again, other]) s.destroy();
});
