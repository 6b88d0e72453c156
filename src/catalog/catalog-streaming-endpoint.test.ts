import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ControlPlane } from './control-plane.js';
import { FakeChannelRuntime } from './fake-channel-runtime.js';
import { FakeStreamingEndpointRuntime } from './fake-streaming-endpoint-runtime.js';
import { STREAMING_ENDPOINT_ACTIONS, type StreamingEndpointActionName } from './state-machines.js';
import { STREAMING_ENDPOINT_STATES, type StreamingEndpointState } from './streaming-endpoint.js';
import { openTempCatalog } from './temp-catalog.js';

const ACTIONS = Object.keys(STREAMING_ENDPOINT_ACTIONS) as StreamingEndpointActionName[];
const run = (control: ControlPlane, name: string, action: StreamingEndpointActionName) =>
  action === 'scale' ? control.scaleStreamingEndpoint(name, 4) : action === 'start' ? control.startStreamingEndpoint(name) : control.stopStreamingEndpoint(name);

/** The expected table, written out rather than derived, so a change to the rules shows here. */
const EXPECTED: Record<StreamingEndpointState, Partial<Record<StreamingEndpointActionName, StreamingEndpointState>>> = {
  Stopped: { start: 'Running' },
  Starting: {},
  Running: { stop: 'Stopped', scale: 'Running' },
  Stopping: {},
  Scaling: {},
};

for (const from of STREAMING_ENDPOINT_STATES) {
  for (const action of ACTIONS) {
    const to = EXPECTED[from][action];
    test(`endpoint ${from} --${action}--> ${to ?? '409 ERR_STREAMING_ENDPOINT_STATE'}`, async () => {
      const { catalog, control, endpointRuntime } = openTempCatalog();
      catalog.createStreamingEndpoint({ name: 'edge', port: 9000 });
      catalog.streamingEndpoints.setState('edge', from, catalog.timestamp());
      if (to === undefined) {
        await assert.rejects(run(control, 'edge', action), { code: 'ERR_STREAMING_ENDPOINT_STATE' });
        assert.equal(catalog.requireStreamingEndpoint('edge').state, from, 'state unchanged');
        assert.deepEqual(endpointRuntime.calls, [], 'runtime not called');
        return;
      }
      const after = await run(control, 'edge', action);
      assert.equal(after.state, to);
      assert.equal(after.scaleUnits, action === 'scale' ? 4 : 0);
      assert.deepEqual(endpointRuntime.calls, [{ start: 'startEndpoint edge', stop: 'stopEndpoint edge', scale: 'scaleEndpoint edge 4' }[action]]);
    });
  }
}

for (const action of ACTIONS) {
  const rule = STREAMING_ENDPOINT_ACTIONS[action];
  test(`a failed runtime ${action} lands on ${rule.failed} and records nothing`, async () => {
    const { catalog, control, endpointRuntime } = openTempCatalog();
    catalog.createStreamingEndpoint({ name: 'edge', port: 9000, scaleUnits: 1 });
    catalog.streamingEndpoints.setState('edge', rule.from[0], catalog.timestamp());
    endpointRuntime.failing.add(`${action}Endpoint:edge`);
    await assert.rejects(run(control, 'edge', action), /fake/);
    assert.deepEqual([catalog.requireStreamingEndpoint('edge').state, catalog.requireStreamingEndpoint('edge').scaleUnits], [rule.failed, 1]);
  });
}

test('a transient state is held while the runtime works, so a second request is a 409', async () => {
  const { catalog, control, endpointRuntime } = openTempCatalog();
  catalog.createStreamingEndpoint({ name: 'edge', port: 9000 });
  const release = endpointRuntime.hold();
  const starting = control.startStreamingEndpoint('edge');
  assert.equal(catalog.requireStreamingEndpoint('edge').state, 'Starting');
  await assert.rejects(control.startStreamingEndpoint('edge'), { code: 'ERR_STREAMING_ENDPOINT_STATE' });
  assert.throws(() => catalog.deleteStreamingEndpoint('edge'), { code: 'ERR_STREAMING_ENDPOINT_STATE' });
  release();
  assert.equal((await starting).state, 'Running');
});

test('default always exists, Running, first in the list; it is never stopped or deleted but scales without a runtime call', async () => {
  const { catalog, control, endpointRuntime } = openTempCatalog();
  catalog.createStreamingEndpoint({ name: 'b-edge', port: 9001 });
  catalog.createStreamingEndpoint({ name: 'a-edge', port: 9000 });
  assert.deepEqual(catalog.listStreamingEndpoints().map((e) => [e.name, e.state]), [['default', 'Running'], ['a-edge', 'Stopped'], ['b-edge', 'Stopped']]);
  await assert.rejects(control.stopStreamingEndpoint('default'), { code: 'ERR_DEFAULT_ENDPOINT' });
  assert.throws(() => catalog.deleteStreamingEndpoint('default'), { code: 'ERR_DEFAULT_ENDPOINT' });
  await assert.rejects(control.startStreamingEndpoint('default'), { code: 'ERR_STREAMING_ENDPOINT_STATE' });
  assert.equal((await control.scaleStreamingEndpoint('default', 2)).scaleUnits, 2);
  assert.throws(() => catalog.createStreamingEndpoint({ name: 'default' }), { code: 'ERR_ALREADY_EXISTS' });
  assert.deepEqual(endpointRuntime.calls, []);
  assert.equal(catalog.requireStreamingEndpoint('default').state, 'Running');
});

test('create: validation names the field; ports are unique and not the server\'s own', () => {
  const { catalog } = openTempCatalog();
  const reserved = new Map([[8080, 'HTTP']]);
  const bad: [object, string][] = [
    [{ name: 'edge' }, 'port'],
    [{ name: 'edge', port: 0 }, 'port'],
    [{ name: 'edge', port: 65_536 }, 'port'],
    [{ name: 'edge', port: 9000, scaleUnits: 11 }, 'scaleUnits'],
    [{ name: 'edge', port: 9000, scaleUnits: 1.5 }, 'scaleUnits'],
    [{ name: 'edge', port: 9000, ipAllow: [{ address: '10.0.0.0', prefixLength: 33 }] }, 'ipAllow[0].prefixLength'],
    [{ name: 'edge', port: 9000, cors: { allowOrigins: ['player.example.com'] } }, 'cors.allowOrigins[0]'],
    [{ name: 'edge', port: 9000, crossSiteAccessPolicies: { crossDomainPolicy: 'not xml' } }, 'crossSiteAccessPolicies.crossDomainPolicy'],
    [{ name: 'Edge', port: 9000 }, 'name'],
  ];
  for (const [input, field] of bad) {
    assert.throws(() => catalog.createStreamingEndpoint(input as never, reserved), (err: { code: string; details: { field: string } }) => err.code === 'ERR_VALIDATION' && err.details.field === field, field);
  }
  assert.throws(() => catalog.createStreamingEndpoint({ name: 'edge', port: 8080 }, reserved), { code: 'ERR_PORT_IN_USE', message: "port 8080 is the server's HTTP port" });
  catalog.createStreamingEndpoint({ name: 'edge', port: 9000 }, reserved);
  assert.throws(() => catalog.createStreamingEndpoint({ name: 'edge2', port: 9000 }, reserved), { code: 'ERR_PORT_IN_USE', message: 'port 9000 is used by streaming endpoint "edge"' });
  assert.deepEqual(catalog.listStreamingEndpoints().map((e) => e.name), ['default', 'edge']);
});

test('patch: policies in any state, null clears them, the port only while Stopped and never on default', async () => {
  const { catalog, control } = openTempCatalog();
  catalog.createStreamingEndpoint({ name: 'edge', port: 9000, ipAllow: [{ address: '10.0.0.0', prefixLength: 8 }] });
  await control.startStreamingEndpoint('edge');
  const patched = catalog.updateStreamingEndpoint('edge', { description: 'x', cors: { allowOrigins: ['https://a.example'] }, ipAllow: [] });
  assert.deepEqual([patched.description, patched.cors, patched.ipAllow], ['x', { allowOrigins: ['https://a.example'] }, []]);
  assert.equal(catalog.updateStreamingEndpoint('edge', { ipAllow: null, cors: null }).ipAllow, undefined);
  assert.throws(() => catalog.updateStreamingEndpoint('edge', { port: 9001 }), { code: 'ERR_STREAMING_ENDPOINT_STATE' });
  assert.equal(catalog.requireStreamingEndpoint('edge').port, 9000, 'nothing changed');
  await control.stopStreamingEndpoint('edge');
  assert.equal(catalog.updateStreamingEndpoint('edge', { port: 9001 }).port, 9001);
  assert.throws(() => catalog.updateStreamingEndpoint('default', { port: 9002 }), { code: 'ERR_VALIDATION' });
  const d = catalog.updateStreamingEndpoint('default', { scaleUnits: 3, ipAllow: [{ address: '127.0.0.1', prefixLength: 32 }], cors: { allowOrigins: ['*'] } });
  assert.deepEqual([d.scaleUnits, d.ipAllow?.length, d.state], [3, 1, 'Running']);
  assert.throws(() => catalog.updateStreamingEndpoint('nope', {}), { code: 'ERR_NOT_FOUND' });
});

test('after a restart, endpoints that were Running (or Starting, Scaling) start again; a failure ends Stopped', async () => {
  const before = openTempCatalog();
  for (const [name, port] of [['up', 9000], ['scaling', 9001], ['down', 9002], ['stopping', 9003], ['broken', 9004]] as const) before.catalog.createStreamingEndpoint({ name, port });
  for (const name of ['up', 'scaling', 'stopping', 'broken']) await before.control.startStreamingEndpoint(name);
  before.catalog.streamingEndpoints.setState('scaling', 'Scaling', before.catalog.timestamp());
  before.catalog.streamingEndpoints.setState('stopping', 'Stopping', before.catalog.timestamp());
  before.catalog.close();

  const after = openTempCatalog(before.dataDir);
  const endpoints = new FakeStreamingEndpointRuntime();
  endpoints.failing.add('startEndpoint:broken');
  const control = new ControlPlane({ catalog: after.catalog, runtime: new FakeChannelRuntime(), endpoints, logger: after.logger });
  const report = await control.recoverStreamingEndpoints();
  assert.deepEqual(endpoints.calls, ['startEndpoint broken', 'startEndpoint scaling', 'startEndpoint up']);
  assert.deepEqual(report.endpoints.map((e) => [e.name, e.ok]), [['broken', false], ['scaling', true], ['up', true]]);
  assert.deepEqual(
    after.catalog.listStreamingEndpoints().map((e) => [e.name, e.state]),
    [['default', 'Running'], ['broken', 'Stopped'], ['down', 'Stopped'], ['scaling', 'Running'], ['stopping', 'Stopped'], ['up', 'Running']],
  );
});

test('patch channel: description and ipAllow any time, token and key frame interval only while Stopped, protocol never', async () => {
  const { catalog, control } = openTempCatalog();
  catalog.createChannel({ name: 'ch', input: { protocol: 'rtmp', accessToken: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
  catalog.createChannel({ name: 'other', input: { protocol: 'rtmp', accessToken: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } });
  await control.startChannel('ch');
  const running = catalog.updateChannel('ch', { description: 'd', input: { ipAllow: [{ address: '10.0.0.0', prefixLength: 8 }] }, preview: { ipAllow: [] } });
  assert.deepEqual([running.description, running.input.ipAllow?.length, running.preview.ipAllow], ['d', 1, []]);
  assert.throws(() => catalog.updateChannel('ch', { input: { accessToken: 'cccccccccccccccccccccccccccccccc' } }), { code: 'ERR_CHANNEL_STATE' });
  assert.throws(() => catalog.updateChannel('ch', { description: 'e', input: { keyFrameIntervalMs: 4000 } }), { code: 'ERR_CHANNEL_STATE' });
  assert.equal(catalog.requireChannel('ch').description, 'd', 'a refused patch changes nothing');
  assert.equal(catalog.updateChannel('ch', { input: { protocol: 'rtmp', keyFrameIntervalMs: 2000, accessToken: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } }).state, 'Running', 'unchanged values are fine');
  assert.throws(() => catalog.updateChannel('ch', { input: { protocol: 'fmp4' } }), (err: { code: string; details: { field: string } }) => err.code === 'ERR_VALIDATION' && err.details.field === 'input.protocol');
  await control.stopChannel('ch');
  assert.throws(() => catalog.updateChannel('ch', { input: { accessToken: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } }), { code: 'ERR_ALREADY_EXISTS' });
  const stopped = catalog.updateChannel('ch', { input: { accessToken: 'cccccccccccccccccccccccccccccccc', keyFrameIntervalMs: 4000, ipAllow: null }, preview: { ipAllow: null } });
  assert.deepEqual([stopped.input.accessToken, stopped.input.keyFrameIntervalMs, stopped.input.ipAllow, stopped.preview.ipAllow], ['cccccccccccccccccccccccccccccccc', 4000, undefined, undefined]);
  assert.equal(catalog.findChannelByAccessToken('cccccccccccccccccccccccccccccccc')?.name, 'ch');
});

test('delete asset: refused while recorded, then deletes its locators and asks the runtime to drop its window', async () => {
  const { catalog, control, runtime } = openTempCatalog();
  catalog.createChannel({ name: 'ch', input: { protocol: 'rtmp' } });
  catalog.createProgram('ch', { name: 'show', archiveWindow: 'PT1H' });
  await control.startChannel('ch');
  await control.startProgram('ch', 'show');
  const locator = catalog.createLocator({ assetName: 'show' });
  await assert.rejects(control.deleteAsset('show'), { code: 'ERR_ASSET_STATE' });
  assert.ok(catalog.getLocator(locator.id), 'nothing deleted');
  await control.stopProgram('ch', 'show');
  await control.deleteAsset('show');
  assert.equal(catalog.getAsset('show'), undefined);
  assert.equal(catalog.getLocator(locator.id), undefined);
  assert.equal(runtime.calls.at(-1), 'deleteAssetMedia ch/show>show');
  await assert.rejects(control.deleteAsset('show'), { code: 'ERR_NOT_FOUND' });
  // The program stays and records into a new asset of the same name when started again.
  await control.startProgram('ch', 'show');
  assert.equal(catalog.requireAsset('show').state, 'live');
});

test('urlSigning: keys of 32–64 bytes with distinct ids, at most 4; PATCH null turns signing off; kept across a restart', () => {
  const { catalog } = openTempCatalog();
  const key = (bytes: number, id = 'k1') => ({ id, base64Key: Buffer.alloc(bytes, 3).toString('base64') });
  const refused: [unknown, string][] = [
    [{ keys: [] }, 'urlSigning.keys'],
    [{ keys: [key(31)] }, 'urlSigning.keys[0].base64Key'],
    [{ keys: [key(65)] }, 'urlSigning.keys[0].base64Key'],
    [{ keys: [{ id: 'k1', base64Key: 'not base64!' }] }, 'urlSigning.keys[0].base64Key'],
    [{ keys: [key(32), key(32)] }, 'urlSigning.keys[1].id'],
    [{ keys: [key(32, 'a b')] }, 'urlSigning.keys[0].id'],
    [{ keys: ['a', 'b', 'c', 'd', 'e'].map((id) => key(32, id)) }, 'urlSigning.keys'],
  ];
  for (const [urlSigning, field] of refused) {
    assert.throws(() => catalog.createStreamingEndpoint({ name: 'edge', port: 9000, urlSigning: urlSigning as never }), (e: { details?: { field?: string } }) => e.details?.field === field, field);
  }
  catalog.createStreamingEndpoint({ name: 'edge', port: 9000, urlSigning: { keys: [key(32), key(64, 'k2')] } });
  assert.deepEqual(catalog.requireStreamingEndpoint('edge').urlSigning?.keys.map((k) => k.id), ['k1', 'k2']);
  catalog.updateStreamingEndpoint('edge', { urlSigning: null });
  assert.equal(catalog.requireStreamingEndpoint('edge').urlSigning, undefined);
});
