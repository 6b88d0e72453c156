// TLS when a certificate is configured (CONTRACT §1, issue 7): the HTTP port speaks HTTPS (API,
// playback), RTMPS listens beside RTMP, ffmpeg publishes over rtmps:// and decodes the channel
// over https://; a client that does not speak TLS to the RTMPS port is dropped and harms nothing;
// a key that does not match its certificate stops start-up with a message naming the files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeWithFfmpeg, publishRtmpSingle, type FfmpegProcess } from './harness/ffmpeg.js';
import { spawnManaged, stopAllManaged } from './harness/process.js';
import { findRepoRoot } from './harness/repo-root.js';
import { httpsRequest, startTributary, waitFor, type LocatorUrls, type Tributary } from './tributary-process.js';

/** A self-signed certificate for 127.0.0.1, made by Debian's openssl for this run only. */
function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { cert, key };
}

describe('TLS: HTTPS on the HTTP port, RTMPS beside RTMP', { timeout: 3 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-tls-'));
  let t: Tributary;
  let ca: Buffer;
  let rtmps: string;
  let encoder: FfmpegProcess | undefined;
  let urls: LocatorUrls;
  let token: string;

  before(async () => {
    const { cert, key } = selfSigned(dir, 'server');
    ca = readFileSync(cert);
    t = await startTributary({ ca, extraArgs: ['--tls-cert', cert, '--tls-key', key, '--rtmps-port', '0', '--rtmps-secondary-port', '0'] });
    rtmps = /RTMPS primary:\s+(rtmps:\/\/[^\s/]+:\d+)/.exec(t.process.stdout())![1];
  });

  after(async () => {
    await encoder?.stop(2000);
    await t?.stop();
    await stopAllManaged();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the API answers over HTTPS and lists the RTMPS ingest URLs', async () => {
    assert.match(t.httpBase, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ch = await t.api<{ input: { accessToken: string; endpoints: { protocol: string; url: string }[] } }>('POST', '/channels', { name: 'sec', input: { protocol: 'rtmp' } });
    assert.equal(ch.status, 201);
    token = ch.body.input.accessToken;
    assert.deepEqual(ch.body.input.endpoints.map((e) => e.protocol), ['rtmp', 'rtmp', 'rtmps', 'rtmps']);
    assert.equal(ch.body.input.endpoints[2].url, `${rtmps}/live/${token}`);
    assert.equal((await t.api('POST', '/channels/sec/start')).status, 200);
    assert.equal((await t.api('POST', '/channels/sec/programs', { name: 'show', archiveWindow: 'PT10M' })).status, 201);
    assert.equal((await t.api('POST', '/channels/sec/programs/show/start')).status, 200);
    const loc = await t.api<{ urls: LocatorUrls }>('POST', '/locators', { assetName: 'show' });
    urls = loc.body.urls;
    assert.match(urls.hls, /^https:\/\//);
  });

  test('ffmpeg publishes over RTMPS; the channel decodes over HTTPS', async () => {
    encoder = publishRtmpSingle({ url: `${rtmps}/live/${token}/cam`, durationSec: 90 });
    await waitFor('three HLS segments over HTTPS', 40_000, async () => {
      const playlist = await httpsRequest(urls.hlsCmaf, 'GET', {}, undefined, ca);
      if (playlist.status !== 200) return undefined;
      const variant = (await playlist.text()).split('\n').find((l) => l.startsWith('QualityLevels(') && !l.includes('audio'));
      if (!variant) return undefined;
      const media = await (await httpsRequest(new URL(variant, urls.hlsCmaf).href, 'GET', {}, undefined, ca)).text();
      return (media.match(/#EXTINF/g)?.length ?? 0) >= 3 ? true : undefined;
    });
    for (const url of [urls.hls, urls.dash]) {
      const r = await decodeWithFfmpeg(url, 4);
      assert.equal(r.code, 0, `${url}: ${r.stderr}`);
    }
  });

  test('a client speaking plain RTMP to the RTMPS port is dropped; the server goes on', async () => {
    const port = Number(new URL(rtmps.replace('rtmps:', 'http:')).port);
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.of(3), Buffer.alloc(1536, 7)])));
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 15_000).unref();
    });
    assert.ok(closed, 'the connection was closed');
    assert.ok(t.process.isRunning());
    assert.equal((await t.api('GET', '/channels/sec')).status, 200);
  });

  test('a key that does not match its certificate stops start-up with a message naming the files', async () => {
    const a = selfSigned(dir, 'a');
    const b = selfSigned(dir, 'b');
    const proc = spawnManaged(process.execPath, [join(findRepoRoot(), 'dist/src/cli/main.js'), 'serve', '--http-port', '0', '--rtmp-port', '0', '--rtmp-secondary-port', '0', '--data-dir', join(dir, 'data'), '--tls-cert', a.cert, '--tls-key', b.key], {
      name: 'tributary bad tls',
      maxLifetimeMs: 20_000,
    });
    const exit = await proc.exited;
    assert.equal(exit.code, 1, proc.stdout());
    assert.match(proc.stderr(), new RegExp(`TLS certificate ${a.cert.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} and key .*b\\.key`));
  });
});
