import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TributaryError } from '../util/errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-config-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const cwd = join(dir, 'cwd');
const file = join(dir, 'tributary.yaml');
writeFileSync(file, 'httpPort: 9000\nrtmpPort: 2000\nlogLevel: warn\ndataDir: media\n');
const KEY = 'k'.repeat(32);

interface Case {
  name: string;
  argv?: string[];
  env?: Record<string, string>;
  expect: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'defaults',
    expect: { httpPort: 8080, rtmpPort: 1935, rtmpSecondaryPort: 1936, host: '0.0.0.0', dataDir: join(cwd, 'data'), logLevel: 'info', publicHost: 'localhost', apiKey: undefined },
  },
  { name: 'file over defaults', argv: ['--config', file], expect: { httpPort: 9000, rtmpPort: 2000, logLevel: 'warn', dataDir: join(dir, 'media'), configFile: file } },
  { name: 'config file from environment', env: { TRIBUTARY_CONFIG: file }, expect: { httpPort: 9000 } },
  { name: 'environment over file', argv: ['--config', file], env: { TRIBUTARY_HTTP_PORT: '9100', TRIBUTARY_DATA_DIR: 'd' }, expect: { httpPort: 9100, rtmpPort: 2000, dataDir: join(cwd, 'd') } },
  { name: 'flags over environment', argv: ['--http-port', '0', '--config', file], env: { TRIBUTARY_HTTP_PORT: '9100' }, expect: { httpPort: 0, rtmpPort: 2000 } },
  { name: '--flag=value form', argv: ['--rtmp-secondary-port=7000', '--log-level=debug'], expect: { rtmpSecondaryPort: 7000, logLevel: 'debug' } },
  { name: 'public host follows a concrete host', argv: ['--host', '10.0.0.5'], expect: { host: '10.0.0.5', publicHost: '10.0.0.5' } },
  { name: 'public host given', argv: ['--host', '::'], env: { TRIBUTARY_PUBLIC_HOST: 'media.example' }, expect: { publicHost: 'media.example' } },
  { name: 'api key from environment', env: { TRIBUTARY_API_KEY: KEY }, expect: { apiKey: KEY } },
  { name: 'api key flag', argv: ['--api-key', KEY], expect: { apiKey: KEY } },
  { name: 'empty environment variable counts as unset', env: { TRIBUTARY_HTTP_PORT: '' }, expect: { httpPort: 8080 } },
  { name: 'foreign environment ignored', env: { PORT: 'x', HOME: '/root' }, expect: { httpPort: 8080 } },
  { name: 'no TLS by default', expect: { tls: undefined } },
  {
    name: 'TLS files relative to the working directory, RTMPS on 2935/2936 unless told',
    argv: ['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--rtmps-secondary-port', '3936'],
    expect: { tls: { certFile: join(cwd, 'c.pem'), keyFile: join(cwd, 'k.pem'), rtmpsPort: 2935, rtmpsSecondaryPort: 3936 } },
  },
  { name: 'safe default limits', expect: { limits: DEFAULT_LIMITS } },
  {
    name: 'limits as JSON over the defaults',
    env: { TRIBUTARY_LIMITS: '{"http": {"apiRequestsPerSecond": 20}, "rtmp": {"connectionsPerAddress": 8}}' },
    expect: { limits: { ...DEFAULT_LIMITS, http: { ...DEFAULT_LIMITS.http, apiRequestsPerSecond: 20 }, rtmp: { ...DEFAULT_LIMITS.rtmp, connectionsPerAddress: 8 } } },
  },
  { name: 'no trusted proxy by default', expect: { trustedProxies: [] } },
  {
    name: 'trusted proxies from a comma list',
    argv: ['--trusted-proxies', '10.0.0.0/8, 127.0.0.1,2001:db8::/32'],
    expect: { trustedProxies: [{ address: '10.0.0.0', prefixLength: 8 }, { address: '127.0.0.1', prefixLength: 32 }, { address: '2001:db8::', prefixLength: 32 }] },
  },
  { name: 'trusted proxies from the environment', env: { TRIBUTARY_TRUSTED_PROXIES: '::1' }, expect: { trustedProxies: [{ address: '::1', prefixLength: 128 }] } },
  { name: "the CLI's TRIBUTARY_SERVER is ignored, not refused", env: { TRIBUTARY_SERVER: 'http://media.example:8080' }, expect: { httpPort: 8080, host: '0.0.0.0' } },
];

for (const c of cases) {
  test(`loadConfig: ${c.name}`, () => {
    const config = loadConfig({ argv: c.argv ?? [], env: c.env ?? {}, cwd });
    for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(config[key as keyof typeof config], value, key);
  });
}

interface Refusal {
  name: string;
  argv?: string[];
  env?: Record<string, string>;
  fileText?: string;
  /** Text the message must contain: the key and the value. */
  mentions: string[];
}

const refusals: Refusal[] = [
  { name: 'unknown flag', argv: ['--http-prot', '1'], mentions: ['--http-prot'] },
  { name: 'positional argument', argv: ['serve'], mentions: ['serve'] },
  { name: 'flag without value', argv: ['--http-port'], mentions: ['--http-port'] },
  { name: 'port too large', argv: ['--http-port', '65536'], mentions: ['--http-port', '65536'] },
  { name: 'negative port', argv: ['--rtmp-port=-1'], mentions: ['--rtmp-port', '-1'] },
  { name: 'non-numeric port in environment', env: { TRIBUTARY_RTMP_SECONDARY_PORT: 'abc' }, mentions: ['TRIBUTARY_RTMP_SECONDARY_PORT', 'abc'] },
  { name: 'bad log level', argv: ['--log-level', 'loud'], mentions: ['--log-level', 'loud'] },
  { name: 'unknown TRIBUTARY_ variable', env: { TRIBUTARY_HTTP_PROT: '1' }, mentions: ['TRIBUTARY_HTTP_PROT'] },
  { name: 'short api key', env: { TRIBUTARY_API_KEY: 'short' }, mentions: ['TRIBUTARY_API_KEY'] },
  { name: 'unknown file key', fileText: 'httpPort: 1\nhttp_port: 2\n', mentions: ['http_port'] },
  { name: 'bad file value', fileText: 'rtmpPort: 70000\n', mentions: ['rtmpPort', '70000'] },
  { name: 'file key of wrong type', fileText: 'host: [a, b]\n', mentions: ['host'] },
  { name: 'file that is a list', fileText: '- a\n', mentions: ['mapping'] },
  { name: 'file that is not YAML', fileText: 'a: [\n', mentions: ['YAML'] },
  { name: 'trusted proxy that is no address', argv: ['--trusted-proxies', '10.0.0.0/8,proxy.example'], mentions: ['--trusted-proxies', 'proxy.example'] },
  { name: 'trusted proxy prefix too long', env: { TRIBUTARY_TRUSTED_PROXIES: '10.0.0.0/33' }, mentions: ['TRIBUTARY_TRUSTED_PROXIES', '10.0.0.0/33'] },
  { name: 'a certificate without its key', argv: ['--tls-cert', 'c.pem'], mentions: ['--tls-key'] },
  { name: 'a key without its certificate', env: { TRIBUTARY_TLS_KEY: 'k.pem' }, mentions: ['--tls-cert'] },
  { name: 'an unknown limit', env: { TRIBUTARY_LIMITS: '{"http": {"apiRequestPerSecond": 20}}' }, mentions: ['apiRequestPerSecond', 'apiRequestsPerSecond'] },
  { name: 'a limit out of its range', fileText: 'limits:\n  smooth:\n    maxTracks: 0\n', mentions: ['limits.smooth.maxTracks', 'from 1 to 256'] },
  { name: 'limits that are not JSON', argv: ['--limits', '{http'], mentions: ['--limits', 'JSON'] },
  { name: 'missing file', argv: ['--config', join(dir, 'absent.yaml')], mentions: ['absent.yaml'] },
];

for (const r of refusals) {
  test(`loadConfig refuses: ${r.name}`, () => {
    let argv = r.argv ?? [];
    if (r.fileText !== undefined) {
      const path = join(dir, `${r.name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(path, r.fileText);
      argv = ['--config', path];
    }
    assert.throws(
      () => loadConfig({ argv, env: r.env ?? {}, cwd }),
      (err: unknown) => {
        assert.ok(err instanceof TributaryError);
        assert.equal(err.code, 'ERR_CONFIG');
        for (const m of r.mentions) assert.ok(err.message.includes(m), `"${err.message}" should mention ${m}`);
        return true;
      },
    );
  });
}

test('loadConfig never echoes a refused API key', () => {
  assert.throws(() => loadConfig({ argv: ['--api-key', 'secret value'], env: {}, cwd }), (err: Error) => !err.message.includes('secret'));
});
