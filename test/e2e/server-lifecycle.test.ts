// CONTRACT §1: SIGTERM stops the server cleanly within 10 s with exit code 0, and after a restart
// everything created is there and a channel that was Running is Running again, its ingest open.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { publishRtmpSingle } from './harness/ffmpeg.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startTributary, waitFor } from './tributary-process.js';

after(() => stopAllManaged());

test('a stopped server exits 0 promptly and comes back with its channels running', { timeout: 120_000 }, async () => {
  const first = await startTributary();
  const created = await first.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'keep', input: { protocol: 'rtmp' } });
  assert.equal(created.status, 201);
  assert.equal((await first.api('POST', '/channels/keep/start')).status, 200);
  assert.equal((await first.api('POST', '/channels', { name: 'idle', input: { protocol: 'rtmp' } })).status, 201);
  const started = Date.now();
  const exit = await first.stop({ keepData: true });
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(Date.now() - started < 10_000);

  const second = await startTributary({ dataDir: first.dataDir });
  try {
    assert.equal(second.apiKey, first.apiKey, 'the generated API key is kept');
    const channels = await second.api<{ value: { name: string; state: string }[] }>('GET', '/channels');
    assert.deepEqual(channels.body.value.map((c) => [c.name, c.state]).sort(), [['idle', 'Stopped'], ['keep', 'Running']]);
    const publisher = publishRtmpSingle({ url: `${second.rtmpPrimary}/live/${created.body.input.accessToken}/cam`, durationSec: 30 });
    const preview = `${second.httpBase}/preview/keep/preview.ism/manifest(format=m3u8-cmaf)`;
    await waitFor('the restarted channel to list media', 30_000, async () => ((await fetchText(preview)).status === 200 ? true : undefined));
    await publisher.stop(2000);
  } finally {
    await second.stop();
  }
});
