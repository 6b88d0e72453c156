// Slow clients cannot starve others (issue 7): 200 connections send their request headers one
// byte a second (slowloris) and 20 more ask for segments and never read, while a normal player
// fetches a segment again and again. Its latency is compared with its own latency before the
// attack (no verdict depends on the machine's speed), and the slow connections are closed by
// the server once the header deadline passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { readFlvTags } from '../../src/formats/flv/flv-tag-sequence.js';
import { ErtmpPublisher } from '../../src/ingest/rtmp/testing/ertmp-publisher.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type Tributary } from './tributary-process.js';

const SLOW = 200;
const NEVER_READ = 20;
const HEADERS_TIMEOUT_MS = 5000;

function timedGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${res.statusCode} for ${url}`))));
    });
    req.on('error', reject);
  });
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

describe('slowloris and never-reading clients do not delay a player', { timeout: 3 * 60_000 }, () => {
  let t: Tributary;
  let segmentUrl: string;
  const sockets: Socket[] = [];

  before(async () => {
    t = await startTributary({ extraArgs: ['--limits', JSON.stringify({ http: { headersTimeoutMs: HEADERS_TIMEOUT_MS } })] });
    const rec = await startRecordedChannel(t, { channel: 'slow' });
    // Six seconds of real H.264/AAC replayed once: the program keeps its segments afterwards.
    const flv = execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=sample_rate=48000', '-t', '7', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'flv', '-'], { maxBuffer: 64 << 20 });
    const port = Number(new URL(t.rtmpPrimary.replace('rtmp:', 'http:')).port);
    const p = await ErtmpPublisher.publish({ port, app: `live/${rec.token}`, name: 'cam' });
    for (const tag of readFlvTags(new Uint8Array(flv).subarray(13))) if (tag.type === 8 || tag.type === 9) p.send({ typeId: tag.type, timestampMs: tag.timestamp, body: tag.data });
    await p.stop();
    segmentUrl = await waitFor('a video segment', 20_000, async () => {
      const master = await fetchText(rec.urls.hlsCmaf);
      const variant = master.text.split('\n').find((l) => l.startsWith('QualityLevels(') && !l.includes('audio'));
      if (!variant) return undefined;
      const playlistUrl = new URL(variant, rec.urls.hlsCmaf).href;
      const segment = (await fetchText(playlistUrl)).text.split('\n').find((l) => l.startsWith('Fragments('));
      return segment && new URL(segment, playlistUrl).href;
    });
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await t?.stop();
    await stopAllManaged();
  });

  test(`${SLOW} slowloris and ${NEVER_READ} never-reading connections add under 100 ms to a segment request; the slow ones are closed`, async (ctx) => {
    const { hostname, port, pathname } = new URL(segmentUrl);
    for (let i = 0; i < 5; i++) await timedGet(segmentUrl); // warm-up
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) baseline.push(await timedGet(segmentUrl));

    let closedByServer = 0;
    const slow: Socket[] = [];
    for (let i = 0; i < SLOW; i++) {
      // From four loopback addresses, as several clients would come (the per-address cap is higher).
      const s = connect({ host: hostname, port: Number(port), localAddress: `127.0.0.${2 + (i % 4)}` });
      s.on('error', () => undefined);
      s.on('close', () => closedByServer++);
      s.on('connect', () => s.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nX-Slow: `));
      slow.push(s);
    }
    const drip = setInterval(() => slow.forEach((s) => !s.destroyed && s.write('a')), 1000);
    for (let i = 0; i < NEVER_READ; i++) {
      const s = connect({ host: hostname, port: Number(port), localAddress: '127.0.0.9' });
      s.on('error', () => undefined);
      // Pipelined requests for the segment, and the socket never read: the server's writes back up.
      s.on('connect', () => {
        s.pause();
        for (let k = 0; k < 20; k++) s.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      });
      sockets.push(s);
    }
    sockets.push(...slow);
    await new Promise((r) => setTimeout(r, 1500));

    const attacked: number[] = [];
    for (let i = 0; i < 30; i++) attacked.push(await timedGet(segmentUrl));
    const p50 = [percentile(baseline, 50), percentile(attacked, 50)];
    const p90 = [percentile(baseline, 90), percentile(attacked, 90)];
    ctx.diagnostic(`segment request ms, before → during: p50 ${p50[0].toFixed(1)} → ${p50[1].toFixed(1)}, p90 ${p90[0].toFixed(1)} → ${p90[1].toFixed(1)}, max ${Math.max(...baseline).toFixed(1)} → ${Math.max(...attacked).toFixed(1)}`);
    assert.ok(p50[1] - p50[0] < 100, `median grew by ${(p50[1] - p50[0]).toFixed(1)} ms`);
    assert.ok(p90[1] - p90[0] < 100, `p90 grew by ${(p90[1] - p90[0]).toFixed(1)} ms`);

    // The header deadline (5 s here) closes the slowloris connections; the server is fine.
    await waitFor('the server to close the slow connections', HEADERS_TIMEOUT_MS + 15_000, async () => (closedByServer >= SLOW ? true : undefined));
    clearInterval(drip);
    assert.ok(t.process.isRunning());
    const health = await t.api<{ connections: Record<string, number> }>('GET', '/health');
    ctx.diagnostic(`after: ${closedByServer} slow connections closed by the server; open HTTP connections ${health.body.connections.http}`);
    assert.ok(await timedGet(segmentUrl) >= 0);
  });
});
