import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RESOURCES } from './resources.js';
import { runResourceCommand } from './run-resource-command.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Runs a command in-process against a fake server that answers `reply` to every call. */
async function run(argv: string[], reply: (call: Call) => Response, env: NodeJS.ProcessEnv = { TRIBUTARY_API_KEY: 'k'.repeat(32) }, cwd = dir) {
  const calls: Call[] = [];
  let stdout = '';
  let stderr = '';
  const fakeFetch = (async (url: string, init: RequestInit) => {
    const call: Call = { url, method: String(init.method), headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    return reply(call);
  }) as unknown as typeof fetch;
  const code = await runResourceCommand(argv, RESOURCES, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd, fetch: fakeFetch });
  return { code, stdout, stderr, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `urn:tributary:error:${code}`, title: code, status, detail, code, ...extra }), { status, headers: { 'content-type': 'application/problem+json' } });

const CHANNEL = {
  name: 'ch1',
  description: '',
  state: 'Stopped',
  input: { protocol: 'rtmp', keyFrameIntervalMs: 2000, accessToken: 'a'.repeat(32), endpoints: [{ protocol: 'rtmp', url: 'rtmp://h:1935/live/aaa' }, { protocol: 'rtmp', url: 'rtmp://h:1936/live/aaa' }] },
  preview: { endpoints: [{ protocol: 'smooth', url: 'http://h:8080/preview/ch1/preview.ism/manifest' }] },
  created: '2026-01-01T00:00:00.000Z',
  lastModified: '2026-01-01T00:00:00.000Z',
};

test('channel create sends the body the API expects, with the key and server given', async () => {
  const r = await run(['--server', 'http://srv:9000/', 'channel', 'create', 'ch1', '--protocol', 'rtmp', '--key-frame-interval-ms', '4000', '--ip-allow', '10.0.0.0/8,192.0.2.7', '--description', 'main'], () => json(201, CHANNEL));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.calls.length, 1);
  assert.equal(r.calls[0].url, 'http://srv:9000/api/v1/channels');
  assert.equal(r.calls[0].method, 'POST');
  assert.equal(r.calls[0].headers.authorization, `Bearer ${'k'.repeat(32)}`);
  assert.deepEqual(r.calls[0].body, { name: 'ch1', description: 'main', input: { protocol: 'rtmp', keyFrameIntervalMs: 4000, ipAllow: [{ address: '10.0.0.0', prefixLength: 8 }, { address: '192.0.2.7' }] } });
  assert.match(r.stdout, /Ingest primary: +rtmp:\/\/h:1935\/live\/aaa\/\{streamName\}/);
  assert.match(r.stdout, /Preview: +http:\/\/h:8080\/preview\/ch1\/preview\.ism\/manifest/);
});

test('--json prints the API body exactly', async () => {
  const r = await run(['channel', 'list', '--json'], () => json(200, { value: [CHANNEL] }));
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), { value: [CHANNEL] });
});

test('channel list prints an aligned table', async () => {
  const r = await run(['channel', 'list'], () => json(200, { value: [CHANNEL, { ...CHANNEL, name: 'second-channel', state: 'Running' }] }));
  const [head, first, second] = r.stdout.split('\n');
  assert.match(head, /^NAME +STATE +PROTOCOL +CREATED +DESCRIPTION$/);
  assert.equal(first.indexOf('Stopped'), head.indexOf('STATE'));
  assert.equal(second.indexOf('Running'), head.indexOf('STATE'));
});

test('usage errors exit 2 and send nothing', async () => {
  const never = () => {
    throw new Error('no request expected');
  };
  for (const argv of [
    ['channel', 'create', 'Bad_Name'],
    ['channel', 'create', '-leading'],
    ['channel', 'show'],
    ['channel', 'show', 'a', 'b'],
    ['channel', 'create', 'ch1', '--protocol', 'srt'],
    ['channel', 'create', 'ch1', '--bogus'],
    ['channel', 'frobnicate', 'ch1'],
    ['channel'],
    ['chanel', 'list'],
    ['program', 'create', 'ch1', 'show'],
    ['program', 'create', 'ch1', 'show', '--archive-window', 'PT1H', '--asset-name', 'Bad Asset'],
    ['locator', 'show', 'not-a-uuid'],
    ['locator', 'create', 'show', '--start-time', 'yesterday'],
    ['endpoint', 'scale', 'default', 'many'],
    ['channel', 'create', 'ch1', '--ip-allow', '10.0.0.300'],
    ['channel', 'list', '--server', 'not a url'],
  ]) {
    const r = await run(argv, never);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.calls.length, 0);
    assert.match(r.stderr, /^Error: /, argv.join(' '));
  }
});

test('--help prints the usage and exits 0 without a request', async () => {
  const r = await run(['program', 'create', '--help'], () => json(200, {}));
  assert.equal(r.code, 0);
  assert.equal(r.calls.length, 0);
  assert.match(r.stdout, /Usage: tributary program create <channel> <name> \[options\]/);
  assert.match(r.stdout, /--archive-window DURATION/);
  const resource = await run(['locator', '-h'], () => json(200, {}));
  assert.match(resource.stdout, /tributary locator create <assetName>/);
});

test('a problem exits 1 with its detail and code; a 400 lists each invalid field', async () => {
  const conflict = await run(['channel', 'delete', 'ch1'], () => problem(409, 'ERR_CHANNEL_STATE', 'channel ch1 is Running; stop it first'));
  assert.equal(conflict.code, 1);
  assert.equal(conflict.stderr, 'Error: channel ch1 is Running; stop it first (ERR_CHANNEL_STATE)\n');

  const invalid = await run(['program', 'create', 'ch1', 'show', '--archive-window', 'PT1M'], () =>
    problem(400, 'ERR_VALIDATION', 'archiveWindow must be from PT5M to PT25H', { invalidParams: [{ name: 'archiveWindow', reason: 'must be from PT5M to PT25H' }, { name: 'name', reason: 'x' }] }),
  );
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /^Error: archiveWindow must be from PT5M to PT25H \(ERR_VALIDATION\)\n {2}archiveWindow: must be from PT5M to PT25H\n {2}name: x\n$/);

  const withJson = await run(['channel', 'delete', 'ch1', '--json'], () => problem(409, 'ERR_CHANNEL_STATE', 'no'));
  assert.equal(JSON.parse(withJson.stdout).code, 'ERR_CHANNEL_STATE');
});

test('a missing route says the server does not support the command yet', async () => {
  const r = await run(['asset', 'delete', 'show'], () => problem(404, 'ERR_NOT_FOUND', 'no route DELETE /api/v1/assets/show'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /this server has no DELETE \/api\/v1\/assets\/show: it does not support this command yet/);
});

test('a refused key exits 4 and says where the key came from', async () => {
  const r = await run(['channel', 'list'], () => problem(403, 'ERR_FORBIDDEN', 'the API key is wrong'));
  assert.equal(r.code, 4);
  assert.match(r.stderr, /^Error: the API key was refused \(ERR_FORBIDDEN\)\n.*TRIBUTARY_API_KEY/);
});

test('the key is read from <data-dir>/api-key, and its absence exits 4 naming the path', async () => {
  const data = join(dir, 'data');
  const missing = await run(['channel', 'list', '--data-dir', data], () => json(200, { value: [] }), {});
  assert.equal(missing.code, 4);
  assert.ok(missing.stderr.includes(join(data, 'api-key')), missing.stderr);
  assert.equal(missing.calls.length, 0);

  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'api-key'), 'f'.repeat(32) + '\n');
  const found = await run(['channel', 'list'], () => json(200, { value: [] }), {}, dir);
  assert.equal(found.code, 0, found.stderr);
  assert.equal(found.calls[0].headers.authorization, `Bearer ${'f'.repeat(32)}`);
  assert.equal(found.calls[0].url, 'http://localhost:8080/api/v1/channels');
});

test('TRIBUTARY_SERVER sets the server; a pasted /api/v1 is dropped', async () => {
  const r = await run(['asset', 'list'], () => json(200, { value: [] }), { TRIBUTARY_API_KEY: 'k'.repeat(32), TRIBUTARY_SERVER: 'https://media.example/api/v1/' });
  assert.equal(r.calls[0].url, 'https://media.example/api/v1/assets');
});

test('an unreachable server exits 3', async () => {
  const r = await run(['channel', 'list'], () => {
    throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^Error: cannot reach Tributary at http:\/\/localhost:8080: is `tributary serve` running\?\n\(ECONNREFUSED/);
});

test('a server that is not Tributary is reported, not parsed', async () => {
  const r = await run(['channel', 'list'], () => new Response('<html>nope</html>', { status: 502 }));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /is http:\/\/localhost:8080 a Tributary server\?/);
});
