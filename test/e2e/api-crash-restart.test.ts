// CONTRACT §1 "restart", the hard way: the server is SIGKILLed (no shutdown code runs) at several
// points, right after a create returned, right after a start returned and with a start still in
// flight, and restarted on the same data directory each time. Nothing acknowledged may be lost,
// nothing may be left in a transient state, what was Running runs again, and the key is the same.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { publishRtmpSingle } from './harness/ffmpeg.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor, type Tributary } from './tributary-process.js';

after(() => stopAllManaged());

const TRANSIENT = ['Starting', 'Stopping', 'Deleting'];
type Named = { name: string; state: string };
type List<T> = { value: T[] };

/** What must be there after a restart: channel, program (`channel/name`) and asset states, and locator ids. */
interface Expected {
  channels: Record<string, string | string[]>;
  programs: Record<string, string>;
  assets: Record<string, string>;
  locators: string[];
}

async function check(server: Tributary, expected: Expected, apiKey: string, when: string): Promise<void> {
  assert.equal(server.apiKey, apiKey, `${when}: the API key is the same`);
  const channels = (await server.api<List<Named>>('GET', '/channels')).body.value;
  for (const c of channels) assert.ok(!TRANSIENT.includes(c.state), `${when}: channel ${c.name} is left ${c.state}`);
  const channelStates = Object.fromEntries(channels.map((c) => [c.name, c.state]));
  for (const [name, state] of Object.entries(expected.channels)) {
    assert.ok(name in channelStates, `${when}: channel ${name} survived`);
    assert.ok(([] as string[]).concat(state).includes(channelStates[name]), `${when}: channel ${name} is ${channelStates[name]}, expected ${state}`);
  }
  for (const [path, state] of Object.entries(expected.programs)) {
    const [channel, name] = path.split('/');
    const res = await server.api<Named>('GET', `/channels/${channel}/programs/${name}`);
    assert.equal(res.status, 200, `${when}: program ${path} survived`);
    assert.equal(res.body.state, state, `${when}: program ${path}`);
  }
  for (const c of channels) {
    for (const p of (await server.api<List<Named>>('GET', `/channels/${c.name}/programs`)).body.value) assert.ok(!TRANSIENT.includes(p.state), `${when}: program ${c.name}/${p.name} is left ${p.state}`);
  }
  const assets = (await server.api<List<Named>>('GET', '/assets')).body.value;
  for (const [name, state] of Object.entries(expected.assets)) assert.equal(assets.find((a) => a.name === name)?.state, state, `${when}: asset ${name}`);
  const locators = (await server.api<List<{ id: string }>>('GET', '/locators')).body.value.map((l) => l.id);
  for (const id of expected.locators) assert.ok(locators.includes(id), `${when}: locator ${id} survived`);
}

test('SIGKILL between API calls loses nothing and leaves nothing half-done', { timeout: 240_000 }, async () => {
  let server = await startTributary();
  const { dataDir, apiKey } = server;
  try {
    const live = await server.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'live', input: { protocol: 'rtmp' } });
    assert.equal(live.status, 201);
    assert.equal((await server.api('POST', '/channels', { name: 'idle', input: { protocol: 'rtmp' } })).status, 201);
    assert.equal((await server.api('POST', '/channels/live/start')).status, 200);
    assert.equal((await server.api('POST', '/channels/live/programs', { name: 'rec', archiveWindow: 'PT1H' })).status, 201);
    assert.equal((await server.api('POST', '/channels/live/programs', { name: 'later', archiveWindow: 'PT1H' })).status, 201);
    assert.equal((await server.api('POST', '/channels/live/programs/rec/start')).status, 200);
    const locator = await server.api<{ id: string }>('POST', '/locators', { assetName: 'rec' });
    assert.equal(locator.status, 201);
    // Crash 1: right after a create returned.
    assert.equal((await server.api('POST', '/channels', { name: 'fresh', input: { protocol: 'fmp4' } })).status, 201);
    await server.kill();

    const expected: Expected = {
      channels: { live: 'Running', idle: 'Stopped', fresh: 'Stopped' },
      programs: { 'live/rec': 'Running', 'live/later': 'Stopped' },
      assets: { rec: 'live' },
      locators: [locator.body.id],
    };
    server = await startTributary({ dataDir });
    await check(server, expected, apiKey, 'after crash 1');

    // Crash 2: right after a start returned.
    assert.equal((await server.api('POST', '/channels/idle/start')).status, 200);
    await server.kill();
    expected.channels.idle = 'Running';
    server = await startTributary({ dataDir });
    await check(server, expected, apiKey, 'after crash 2');

    // Crash 3: after a program stop and a create, with a channel start still in flight.
    assert.equal((await server.api('POST', '/channels/live/programs/rec/stop')).status, 200);
    const second = await server.api<{ id: string }>('POST', '/locators', { assetName: 'rec' });
    assert.equal(second.status, 201);
    const inFlight = server.api('POST', '/channels/fresh/start').catch(() => undefined);
    await server.kill();
    await inFlight;
    Object.assign(expected, { programs: { 'live/rec': 'Stopped', 'live/later': 'Stopped' }, assets: { rec: 'ready' }, locators: [locator.body.id, second.body.id] });
    // The start may or may not have committed; either way it settles.
    expected.channels.fresh = ['Stopped', 'Running'];
    server = await startTributary({ dataDir });
    await check(server, expected, apiKey, 'after crash 3');

    // The channel that was Running through three crashes takes ingest again.
    const publisher = publishRtmpSingle({ url: `${server.rtmpPrimary}/live/${live.body.input.accessToken}/cam`, durationSec: 30 });
    try {
      const preview = `${server.httpBase}/preview/live/preview.ism/manifest(format=m3u8-cmaf)`;
      await waitFor('the restarted channel to list media', 30_000, async () => ((await fetchText(preview)).status === 200 ? true : undefined));
    } finally {
      await publisher.stop(2000);
    }
  } finally {
    await server.stop();
  }
});
