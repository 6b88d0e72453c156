import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorCode } from '../util/errors.js';
import { rejectsWith } from './rejects-with.js';
import type { ChannelState, NewChannel } from './channel.js';
import { openTempCatalog } from './temp-catalog.js';

const RTMP: NewChannel = { name: 'ch1', input: { protocol: 'rtmp' } };

test('createChannel fills defaults', () => {
  const { catalog } = openTempCatalog();
  const ch = catalog.createChannel({ ...RTMP, description: 'main' });
  assert.equal(ch.state, 'Stopped');
  assert.equal(ch.description, 'main');
  assert.equal(ch.input.keyFrameIntervalMs, 2000);
  assert.match(ch.input.accessToken, /^[0-9a-f]{32}$/);
  assert.equal(ch.input.ipAllow, undefined);
  assert.deepEqual(catalog.getChannel('ch1'), ch);
  assert.deepEqual(catalog.findChannelByAccessToken(ch.input.accessToken), ch);
  const other = catalog.createChannel({ name: 'ch2', input: { protocol: 'fmp4', ipAllow: [{ address: '10.0.0.0', prefixLength: 8 }, { name: 'one', address: '::1' }] } });
  assert.notEqual(other.input.accessToken, ch.input.accessToken);
  assert.deepEqual(other.input.ipAllow, [{ address: '10.0.0.0', prefixLength: 8 }, { name: 'one', address: '::1', prefixLength: 128 }]);
});

const invalidChannels: [string, unknown, string][] = [
  ['uppercase name', { name: 'Ch1', input: { protocol: 'rtmp' } }, 'name'],
  ['name ending in a dash', { name: 'ch-', input: { protocol: 'rtmp' } }, 'name'],
  ['name of 33 characters', { name: 'a'.repeat(33), input: { protocol: 'rtmp' } }, 'name'],
  ['missing input', { name: 'ch1' }, 'input'],
  ['unknown protocol', { name: 'ch1', input: { protocol: 'srt' } }, 'input.protocol'],
  ['key frame interval too short', { name: 'ch1', input: { protocol: 'rtmp', keyFrameIntervalMs: 999 } }, 'input.keyFrameIntervalMs'],
  ['key frame interval too long', { name: 'ch1', input: { protocol: 'rtmp', keyFrameIntervalMs: 10001 } }, 'input.keyFrameIntervalMs'],
  ['short access token', { name: 'ch1', input: { protocol: 'rtmp', accessToken: 'abc' } }, 'input.accessToken'],
  ['access token with a slash', { name: 'ch1', input: { protocol: 'rtmp', accessToken: 'abcdefgh/abcdefgh' } }, 'input.accessToken'],
  ['bad ip address', { name: 'ch1', input: { protocol: 'rtmp', ipAllow: [{ address: '10.0.0.300', prefixLength: 8 }] } }, 'input.ipAllow[0].address'],
  ['prefix too long for IPv4', { name: 'ch1', input: { protocol: 'rtmp', ipAllow: [{ address: '10.0.0.1', prefixLength: 33 }] } }, 'input.ipAllow[0].prefixLength'],
  ['bad preview range', { name: 'ch1', input: { protocol: 'rtmp' }, preview: { ipAllow: [{ address: 'x' }] } }, 'preview.ipAllow[0].address'],
  ['description too long', { name: 'ch1', description: 'x'.repeat(257), input: { protocol: 'rtmp' } }, 'description'],
];

for (const [name, input, field] of invalidChannels) {
  test(`createChannel refuses ${name} naming ${field}`, () => {
    const { catalog } = openTempCatalog();
    assert.throws(() => catalog.createChannel(input as NewChannel), rejectsWith('ERR_VALIDATION', field));
    assert.deepEqual(catalog.listChannels(), []);
  });
}

test('createChannel refuses a taken name or access token', () => {
  const { catalog } = openTempCatalog();
  const ch = catalog.createChannel(RTMP);
  assert.throws(() => catalog.createChannel(RTMP), rejectsWith('ERR_ALREADY_EXISTS', 'name'));
  assert.throws(() => catalog.createChannel({ name: 'ch2', input: { protocol: 'rtmp', accessToken: ch.input.accessToken } }), rejectsWith('ERR_ALREADY_EXISTS', 'input.accessToken'));
  assert.equal(catalog.listChannels().length, 1);
});

/** Brings ch1 into `state` by driving the real state machine, holding the runtime if needed. */
async function channelIn(state: ChannelState) {
  const env = openTempCatalog();
  env.catalog.createChannel(RTMP);
  let release = () => {};
  let pending: Promise<unknown> = Promise.resolve();
  if (state === 'Running' || state === 'Stopping') await env.control.startChannel('ch1');
  if (state === 'Starting' || state === 'Stopping') {
    release = env.runtime.hold();
    pending = state === 'Starting' ? env.control.startChannel('ch1') : env.control.stopChannel('ch1');
  }
  assert.equal(env.catalog.requireChannel('ch1').state, state);
  return { ...env, release, pending };
}

type Outcome = ChannelState | 'deleted' | ErrorCode;
const CHANNEL_TABLE: [ChannelState, 'start' | 'stop' | 'reset' | 'delete', Outcome][] = [
  ['Stopped', 'start', 'Running'],
  ['Stopped', 'stop', 'ERR_CHANNEL_STATE'],
  ['Stopped', 'reset', 'ERR_CHANNEL_STATE'],
  ['Stopped', 'delete', 'deleted'],
  ['Starting', 'start', 'ERR_CHANNEL_STATE'],
  ['Starting', 'stop', 'ERR_CHANNEL_STATE'],
  ['Starting', 'reset', 'ERR_CHANNEL_STATE'],
  ['Starting', 'delete', 'ERR_CHANNEL_STATE'],
  ['Running', 'start', 'ERR_CHANNEL_STATE'],
  ['Running', 'stop', 'Stopped'],
  ['Running', 'reset', 'Running'],
  ['Running', 'delete', 'ERR_CHANNEL_STATE'],
  ['Stopping', 'start', 'ERR_CHANNEL_STATE'],
  ['Stopping', 'stop', 'ERR_CHANNEL_STATE'],
  ['Stopping', 'reset', 'ERR_CHANNEL_STATE'],
  ['Stopping', 'delete', 'ERR_CHANNEL_STATE'],
];

for (const [from, action, outcome] of CHANNEL_TABLE) {
  test(`channel ${from} --${action}--> ${outcome}`, async () => {
    const { catalog, control, runtime, release, pending } = await channelIn(from);
    const callsBefore = runtime.calls.length;
    const run = async () => {
      if (action === 'delete') return catalog.deleteChannel('ch1');
      if (action === 'start') return control.startChannel('ch1');
      if (action === 'stop') return control.stopChannel('ch1');
      return control.resetChannel('ch1');
    };
    if (outcome.startsWith('ERR_')) {
      await assert.rejects(run(), rejectsWith(outcome as ErrorCode));
      assert.equal(catalog.requireChannel('ch1').state, from, 'a refused call changes nothing');
      assert.equal(runtime.calls.length, callsBefore, 'a refused call never reaches the runtime');
    } else {
      await run();
      if (outcome === 'deleted') assert.equal(catalog.getChannel('ch1'), undefined);
      else assert.equal(catalog.requireChannel('ch1').state, outcome);
      if (action !== 'delete') assert.equal(runtime.calls.at(-1), `${action}Channel ch1`);
    }
    release();
    await pending;
  });
}

test('a failed runtime start leaves the channel Stopped and reports the error', async () => {
  const { catalog, control, runtime } = openTempCatalog();
  catalog.createChannel(RTMP);
  runtime.failing.add('startChannel');
  await assert.rejects(control.startChannel('ch1'), /fake startChannel failure/);
  assert.equal(catalog.requireChannel('ch1').state, 'Stopped');
});

test('a failed runtime stop leaves the channel Running so stop can be retried', async () => {
  const { catalog, control, runtime } = openTempCatalog();
  catalog.createChannel(RTMP);
  await control.startChannel('ch1');
  runtime.failing.add('stopChannel');
  await assert.rejects(control.stopChannel('ch1'));
  assert.equal(catalog.requireChannel('ch1').state, 'Running');
  runtime.failing.clear();
  assert.equal((await control.stopChannel('ch1')).state, 'Stopped');
});

test('two concurrent starts: one wins, the other is refused while Starting', async () => {
  const { catalog, control } = openTempCatalog();
  catalog.createChannel(RTMP);
  const results = await Promise.allSettled([control.startChannel('ch1'), control.startChannel('ch1')]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  rejectsWith('ERR_CHANNEL_STATE')(refused.reason);
  assert.equal(catalog.requireChannel('ch1').state, 'Running');
});

test('unknown channels are 404 for every action', async () => {
  const { catalog, control } = openTempCatalog();
  await assert.rejects(control.startChannel('nope'), rejectsWith('ERR_NOT_FOUND'));
  await assert.rejects(control.stopChannel('nope'), rejectsWith('ERR_NOT_FOUND'));
  await assert.rejects(control.resetChannel('nope'), rejectsWith('ERR_NOT_FOUND'));
  assert.throws(() => catalog.deleteChannel('nope'), rejectsWith('ERR_NOT_FOUND'));
});

test('deleting a stopped channel removes its programs and keeps their assets', async () => {
  const { catalog, control } = openTempCatalog();
  catalog.createChannel(RTMP);
  catalog.createProgram('ch1', { name: 'p1', archiveWindow: 'PT1H' });
  await control.startChannel('ch1');
  await control.startProgram('ch1', 'p1');
  await control.stopProgram('ch1', 'p1');
  await control.stopChannel('ch1');
  catalog.deleteChannel('ch1');
  assert.equal(catalog.getProgram('ch1', 'p1'), undefined);
  assert.equal(catalog.getAsset('p1')?.state, 'ready');
});
