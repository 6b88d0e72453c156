// The operator CLI against the real server: `tributary channel|program|locator|asset|endpoint …`
// run as child processes, a whole live event set up and torn down, and each error class with
// its exit code (1 API problem, 2 usage, 3 unreachable, 4 key refused).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getFreePort } from './harness/free-port.js';
import { stopAllManaged } from './harness/process.js';
import { findRepoRoot } from './harness/repo-root.js';
import { startTributary, type Tributary } from './tributary-process.js';

const CLI = join(findRepoRoot(), 'dist/src/cli/main.js');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let server: Tributary;
let cwd: string;

before(async () => {
  server = await startTributary();
  // An empty working directory, so no ./data/api-key is found by accident.
  cwd = await mkdtemp(join(tmpdir(), 'tributary-cli-cwd-'));
});

after(async () => {
  await server?.stop();
  if (cwd) await rm(cwd, { recursive: true, force: true });
  await stopAllManaged();
});

/** Runs the compiled CLI; `env` adds to an environment cleared of TRIBUTARY_* variables. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRIBUTARY_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** With --server and --api-key flags; must exit 0. */
async function ok(...args: string[]): Promise<string> {
  const r = await cli([...args, '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(r.code, 0, `tributary ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}${serverState()}`);
  return r.stdout;
}

/** With --json, through the environment variables instead of flags; must exit 0 and parse. */
async function okJson<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const r = await cli([...args, '--json'], { TRIBUTARY_SERVER: server.httpBase, TRIBUTARY_API_KEY: server.apiKey });
  assert.equal(r.code, 0, `tributary ${args.join(' ')} --json exited ${r.code}:\n${r.stdout}\n${r.stderr}${serverState()}`);
  return JSON.parse(r.stdout) as T;
}

/** For failure messages: whether the server is still up, and its last output if not. */
function serverState(): string {
  if (server.process.isRunning()) return '';
  return `\n[the server has exited]\n${server.process.stdout().slice(-3000)}\n${server.process.stderr().slice(-3000)}`;
}

/** `Label:  value` from a show block. */
function field(output: string, label: string): string {
  const line = output.split('\n').find((l) => l.startsWith(`${label}:`));
  assert.ok(line, `no "${label}:" in\n${output}`);
  return line.slice(label.length + 1).trim();
}

test('a whole live event through the CLI: channel, program, locator, playback URLs, teardown', { timeout: 120_000 }, async () => {
  const created = await okJson<{ name: string; state: string; input: { accessToken: string } }>('channel', 'create', 'ch1', '--protocol', 'rtmp', '--description', 'CLI flow');
  assert.equal(created.name, 'ch1');
  assert.equal(created.state, 'Stopped');
  const token = created.input.accessToken;
  assert.match(token, /^[0-9a-f]{32}$/);

  const started = await ok('channel', 'start', 'ch1');
  assert.match(started, /Channel ch1 is Running\./);
  const shown = await ok('channel', 'show', 'ch1');
  assert.equal(field(shown, 'State'), 'Running');
  assert.equal(field(shown, 'Ingest primary'), `${server.rtmpPrimary}/live/${token}/{streamName}`);
  assert.equal(field(shown, 'Ingest secondary'), `${server.rtmpSecondary}/live/${token}/{streamName}`);
  assert.equal(field(shown, 'Preview'), `${server.httpBase}/preview/ch1/preview.ism/manifest`);

  const program = await ok('program', 'create', 'ch1', 'show', '--archive-window', 'PT1H');
  assert.equal(field(program, 'Asset'), 'show');
  const running = await okJson<{ state: string; assetName: string }>('program', 'start', 'ch1', 'show');
  assert.equal(running.state, 'Running');

  // A channel with a Running program cannot stop: the API's 409 is exit 1 with its code.
  const refused = await cli(['channel', 'stop', 'ch1', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /^Error: .+ \(ERR_CHANNEL_STATE\)\n/);
  assert.equal(refused.stdout, '');
  const refusedJson = await cli(['channel', 'stop', 'ch1', '--json'], { TRIBUTARY_SERVER: server.httpBase, TRIBUTARY_API_KEY: server.apiKey });
  assert.equal(refusedJson.code, 1);
  assert.equal(JSON.parse(refusedJson.stdout).code, 'ERR_CHANNEL_STATE');

  const locatorOut = await ok('locator', 'create', 'show');
  const id = field(locatorOut, 'Locator');
  const fromApi = await server.api<{ urls: Record<string, string> }>('GET', `/locators/${id}`);
  assert.equal(fromApi.status, 200);
  const printed = { HLS: 'hls', 'HLS CMAF': 'hlsCmaf', 'HLS v3': 'hlsV3', DASH: 'dash', 'DASH CMAF': 'dashCmaf', Smooth: 'smooth', HDS: 'hds' };
  for (const [label, key] of Object.entries(printed)) {
    const url = field(locatorOut, label);
    assert.equal(url, fromApi.body.urls[key], label);
    assert.ok(url.startsWith(`${server.httpBase}/${id}/ch1.ism/manifest`), url);
  }
  assert.match(field(locatorOut, 'HLS'), /manifest\(format=m3u8-aapl\)$/);
  assert.match(field(locatorOut, 'DASH'), /manifest\(format=mpd-time-csf\)$/);
  const shownLocator = await okJson<{ id: string; urls: Record<string, string> }>('locator', 'show', id);
  assert.deepEqual(shownLocator.urls, fromApi.body.urls);

  // A filter, and a locator that applies it to every manifest.
  const filterOut = await ok('filter', 'create', 'show', 'mobile', '--track', 'type=video+bitrate=0-1500000', '--track', 'type=audio', '--timescale', '1', '--window', '120', '--backoff', '6', '--first-bitrate', '800000');
  assert.equal(field(filterOut, 'Tracks'), 'Type=video + Bitrate=0-1500000  or  Type=audio');
  const apiFilter = await server.api<{ presentationTimeRange: unknown; firstQuality: unknown }>('GET', '/assets/show/filters/mobile');
  assert.deepEqual([apiFilter.body.presentationTimeRange, apiFilter.body.firstQuality], [{ presentationWindowDuration: 120, liveBackoffDuration: 6, timescale: 1 }, { bitrate: 800000 }]);
  assert.match(await ok('filter', 'list', 'show'), /\nmobile +yes +2 /);
  assert.equal(field(await ok('filter', 'show', 'show', 'mobile'), 'Window'), '120');
  const tooShort = await cli(['filter', 'create', 'show', 'short', '--timescale', '1', '--window', '30', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(tooShort.code, 1);
  assert.match(tooShort.stderr, /presentationTimeRange\.presentationWindowDuration must be at least 60 s .*\(ERR_VALIDATION\)/);
  const badTrack = await cli(['filter', 'create', 'show', 'bad', '--track', 'colour=red', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(badTrack.code, 2, badTrack.stderr);
  const filteredLocator = await ok('locator', 'create', 'show', '--filter', 'mobile');
  assert.equal(field(filteredLocator, 'Filters'), 'mobile');
  const filteredId = field(filteredLocator, 'Locator');
  const inUse = await cli(['filter', 'delete', 'show', 'mobile', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.match(inUse.stderr, /\(ERR_FILTER_IN_USE\)/);
  assert.match(await ok('locator', 'delete', filteredId), /deleted/);
  assert.match(await ok('filter', 'delete', 'show', 'mobile'), /deleted/);

  // Tables: a header, then one aligned row per resource.
  const channels = await ok('channel', 'list');
  assert.match(channels, /^NAME +STATE +PROTOCOL +CREATED +DESCRIPTION\nch1 +Running +rtmp +\S+ +CLI flow\n$/);
  assert.match(await ok('program', 'list', 'ch1'), /\nshow +Running +show +ch1 +PT1H /);
  assert.match(await ok('asset', 'list'), /\nshow +live /);
  assert.match(await ok('locator', 'list'), new RegExp(`\\n${id} +show `));
  assert.match(await ok('endpoint', 'list'), /\ndefault +Running /);
  assert.equal(field(await ok('endpoint', 'show', 'default'), 'URL'), server.httpBase);
  assert.equal(field(await ok('asset', 'show', 'show'), 'Program'), 'show');
  assert.match(await ok('channel', 'ingest', 'ch1'), /Ingest: +running/);
  // The key file in the server's data directory is found with --data-dir.
  const viaDataDir = await cli(['channel', 'show', 'ch1', '--server', server.httpBase, '--data-dir', server.dataDir]);
  assert.equal(viaDataDir.code, 0, viaDataDir.stderr);

  // Teardown, in the order the API allows.
  assert.match(await ok('program', 'stop', 'ch1', 'show'), /is Stopped/);
  assert.equal((await okJson<{ state: string }>('channel', 'stop', 'ch1')).state, 'Stopped');
  assert.match(await ok('locator', 'delete', id), /deleted/);
  assert.match(await ok('program', 'delete', 'ch1', 'show'), /deleted/);
  assert.match(await ok('channel', 'delete', 'ch1'), /deleted/);
  const assetDelete = await cli(['asset', 'delete', 'show', '--server', server.httpBase, '--api-key', server.apiKey]);
  if (assetDelete.code !== 0) {
    // A server without DELETE /assets/{name} is told apart from a failed delete.
    assert.equal(assetDelete.code, 1);
    assert.match(assetDelete.stderr, /does not support this command yet/);
  }
  assert.deepEqual((await okJson<{ value: unknown[] }>('channel', 'list')).value, []);
  assert.deepEqual((await okJson<{ value: unknown[] }>('locator', 'list')).value, []);
  const gone = await cli(['channel', 'show', 'ch1', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /\(ERR_NOT_FOUND\)/);
});

test('streaming endpoints through the CLI: create, start, scale, stop, delete', { timeout: 60_000 }, async (t) => {
  const port = await getFreePort();
  const args = ['endpoint', 'create', 'edge', '--port', String(port), '--scale-units', '1', '--cors-origin', 'https://player.example.com'];
  const created = await cli([...args, '--server', server.httpBase, '--api-key', server.apiKey]);
  if (created.code === 1 && /does not support this command yet/.test(created.stderr)) {
    t.skip('this server has no POST /streaming-endpoints yet');
    return;
  }
  assert.equal(created.code, 0, created.stderr);
  assert.equal(field(created.stdout, 'Port'), String(port));
  assert.equal(field(created.stdout, 'CORS origins'), 'https://player.example.com');
  assert.match(await ok('endpoint', 'start', 'edge'), /edge is Running/);
  assert.match(await ok('endpoint', 'list'), /\nedge +Running +1 +http:\/\/\S+\n/);
  assert.match(await ok('endpoint', 'scale', 'edge', '3'), /3 scale units/);
  assert.equal((await okJson<{ scaleUnits: number }>('endpoint', 'show', 'edge')).scaleUnits, 3);
  assert.match(await ok('endpoint', 'stop', 'edge'), /edge is Stopped/);
  assert.match(await ok('endpoint', 'delete', 'edge'), /deleted/);
  const defaultStays = await cli(['endpoint', 'delete', 'default', '--server', server.httpBase, '--api-key', server.apiKey]);
  assert.equal(defaultStays.code, 1);
  assert.match(defaultStays.stderr, /^Error: .+ \(ERR_[A-Z_]+\)\n/);
  assert.deepEqual((await okJson<{ value: { name: string }[] }>('endpoint', 'list')).value.map((e) => e.name), ['default']);
});

test('a wrong API key exits 4 and says the key was refused', async () => {
  const r = await cli(['channel', 'list', '--server', server.httpBase, '--api-key', 'x'.repeat(32)]);
  assert.equal(r.code, 4);
  assert.match(r.stderr, /^Error: the API key was refused \(ERR_FORBIDDEN\)\n.*--api-key/);
});

test('no API key anywhere exits 4 and says where it looked', async () => {
  const r = await cli(['channel', 'list', '--server', server.httpBase]);
  assert.equal(r.code, 4);
  assert.ok(r.stderr.includes(join(cwd, 'data', 'api-key')), r.stderr);
});

test('a server that is not running exits 3 with a hint', async () => {
  const port = await getFreePort();
  const r = await cli(['channel', 'list', '--server', `http://127.0.0.1:${port}`, '--api-key', server.apiKey]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, new RegExp(`^Error: cannot reach Tributary at http://127\\.0\\.0\\.1:${port}: is \`tributary serve\` running\\?`));
});

test('an invalid name exits 2 before any request is sent', async () => {
  let connections = 0;
  const listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as { port: number }).port;
  try {
    for (const args of [['channel', 'create', 'Bad_Name'], ['program', 'start', 'ch1', 'x-'], ['channel', 'create']]) {
      const r = await cli([...args, '--server', `http://127.0.0.1:${port}`, '--api-key', server.apiKey]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^Error: (invalid .+ name|missing argument)/);
    }
    assert.equal(connections, 0);
  } finally {
    await new Promise((resolve) => listener.close(resolve));
  }
});

test('unknown commands and options exit 2 with the usage', async () => {
  const unknown = await cli(['channel', 'launch', 'ch1']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "channel launch"[\s\S]*Usage: tributary channel <command>/);
  const flag = await cli(['channel', 'list', '--jsn']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --jsn[\s\S]*Usage: tributary channel list/);
  const help = await cli(['locator', 'create', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: tributary locator create <assetName> \[options\]/);
});

// Last: it changes the server's key.
test('api-key rotate: the new key works at once, the old one is refused, the key file holds the new one', async () => {
  const old = server.apiKey;
  const r = await cli(['api-key', 'rotate', '--server', server.httpBase, '--data-dir', server.dataDir]);
  assert.equal(r.code, 0, r.stderr);
  const fresh = field(r.stdout, 'New API key');
  assert.match(fresh, /^[0-9a-f]{64}$/);
  assert.equal(readFileSync(join(server.dataDir, 'api-key'), 'utf8').trim(), fresh);
  const status = async (key: string) => (await fetch(`${server.httpBase}/api/v1/channels`, { headers: { authorization: `Bearer ${key}` } })).status;
  assert.deepEqual([await status(old), await status(fresh)], [403, 200]);
  // The CLI reads the rewritten key file: local commands keep working without being told.
  const viaDataDir = await cli(['channel', 'list', '--server', server.httpBase, '--data-dir', server.dataDir]);
  assert.equal(viaDataDir.code, 0, viaDataDir.stderr);
});
