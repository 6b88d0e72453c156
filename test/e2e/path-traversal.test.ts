// No request, however encoded, reaches a file outside what it names (issue 7): raw HTTP requests
// (fetch would normalise `..` away before sending) with dot segments plain, percent-encoded,
// double-encoded, overlong UTF-8, backslashes and NULs, against every route family of the real
// server — playback, preview, Smooth ingest, the API — are answered 404 (never 400, 500 or a
// file), and no answer contains the API key or a byte of the catalog.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stopAllManaged } from './harness/process.js';
import { startRecordedChannel, startTributary, type Tributary } from './tributary-process.js';

/** Ways to write `../` that a decoder, a router or a file API might turn back into it. */
const DOTS = ['../', '..%2f', '%2e%2e/', '%2e%2e%2f', '%2E%2E%2F', '%252e%252e%252f', '..%252f', '%c0%ae%c0%ae/', '..%5c', '..\\', '.%2e/', '%2e./'];
const TARGETS = ['api-key', 'catalog.db', 'etc/passwd', 'media/live-ch/video/init-0.mp4'];

interface RawResponse {
  status: number;
  body: string;
}

/** One request line sent as written, on its own connection. */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${method} ${path}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP status for ${method} ${path}: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(m[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''];
    socket.write(lines.join('\r\n'), 'latin1');
  });
}

describe('path traversal: every encoding of ../ on every route family is 404', { timeout: 120_000 }, () => {
  let t: Tributary;
  let port: number;
  let locator: string;
  let token: string;
  let secrets: string[];

  before(async () => {
    t = await startTributary();
    port = Number(new URL(t.httpBase).port);
    const rec = await startRecordedChannel(t, { channel: 'ch', protocol: 'fmp4' });
    locator = rec.locatorId;
    token = rec.token;
    const catalog = readFileSync(join(t.dataDir, 'catalog.db'));
    // The SQLite header and the key: either in an answer would mean a file was served.
    secrets = [t.apiKey, catalog.subarray(0, 16).toString('latin1')];
  });

  after(async () => {
    await t?.stop();
    await stopAllManaged();
  });

  function paths(prefix: string, suffix = ''): string[] {
    const out: string[] = [];
    for (const dots of DOTS) for (const target of TARGETS) out.push(`${prefix}${dots.repeat(6)}${target}${suffix}`);
    out.push(`${prefix}api-key%00.m4s${suffix}`, `${prefix}%00${suffix}`, `${prefix}a%00/../..${suffix}`);
    return out;
  }

  async function expectAll404(method: string, list: string[], headers: Record<string, string> = {}): Promise<void> {
    const wrong: string[] = [];
    for (const path of list) {
      const r = await rawRequest(port, method, path, headers);
      if (r.status !== 404) wrong.push(`${r.status} ${method} ${path}`);
      for (const s of secrets) assert.ok(!r.body.includes(s), `${method} ${path} answered with a secret`);
    }
    assert.deepEqual(wrong, [], `not 404:\n${wrong.join('\n')}`);
  }

  test('at the root and below a locator, its manifest directory and its QualityLevels', async () => {
    await expectAll404('GET', [
      ...paths('/'),
      ...paths(`/${locator}/`),
      ...paths(`/${locator}/ch.ism/`),
      ...paths(`/${locator}/ch.ism/QualityLevels(1)/`),
      ...paths(`/${locator}/ch.ism/QualityLevels(1)/Fragments(video=`, ',format=m3u8-cmaf).m4s'),
      ...paths(`/${locator}/ch.ism/QualityLevels(1)/Fragments(`, '=0,format=m3u8-cmaf).m4s'),
      ...paths(`/${locator}/ch.ism/QualityLevels(1)/Fragments(`, ',format=f4m-f4f)/Seg1-Frag1'),
    ]);
  });

  test('in the preview, the ingest and the API (with the key)', async () => {
    await expectAll404('GET', [...paths('/preview/'), ...paths('/preview/ch/'), ...paths('/preview/ch/preview.ism/')]);
    await expectAll404('POST', [...paths('/ingest/'), ...paths(`/ingest/ch/${token}/`), ...paths(`/ingest/ch/${token}/ingest.isml/Streams(`, ')')], { 'content-length': '0' });
    await expectAll404('GET', [...paths('/api/v1/'), ...paths('/api/v1/channels/'), ...paths('/api/v1/assets/show/filters/')], { authorization: `Bearer ${t.apiKey}` });
  });

  test('malformed percent-encoding and control characters are 404 too, and the server stays up', async () => {
    await expectAll404('GET', ['/%', '/%zz', '/%e0%80', `/${locator}/ch.ism/manifest(format=%zz)`, '/api/v1/channels/%ff', '/preview/%/preview.ism/manifest', '/%0d%0aSet-Cookie:%20x=1']);
    const r = await rawRequest(port, 'GET', `/${locator}/ch.ism/manifest(format=m3u8-cmaf)`);
    assert.ok(r.status === 200 || r.status === 404, `still answering: ${r.status}`);
    assert.ok(t.process.isRunning());
  });
});
