// CDN-ready delivery (issue 6): nginx's proxy_cache in front of the origin, as a CDN edge, with
// many players polling one live HLS presentation through it. After warm-up the origin must see
// one request per segment and about one per manifest refresh interval (max-age), not one per
// player: the origin's Cache-Control, ETags and 304s are what make that possible.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { publishRtmpSingle } from './harness/ffmpeg.js';
import { nginxMissing, startNginxCache } from './harness/nginx-cache.js';
import { stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor } from './tributary-process.js';

const PLAYERS = 40;
const WATCH_SEC = 30;

const dir = mkdtempSync(join(tmpdir(), 'tributary-cdn-'));
after(async () => {
  await stopAllManaged();
  rmSync(dir, { recursive: true, force: true });
});

/** A player as HLS clients behave: reload the media playlist every second, fetch each new segment once. */
async function player(playlistUrl: string, until: number, stats: { requests: number }): Promise<void> {
  const fetched = new Set<string>();
  while (Date.now() < until) {
    const r = await fetchText(playlistUrl);
    stats.requests++;
    assert.equal(r.status, 200);
    const segments = r.text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).slice(-3);
    for (const s of segments) {
      if (fetched.has(s)) continue;
      const seg = await fetch(new URL(s, playlistUrl));
      stats.requests++;
      assert.equal(seg.status, 200);
      await seg.arrayBuffer();
      fetched.add(s);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

test(`${PLAYERS} players behind an nginx proxy_cache: the origin sees each segment once and each playlist about once per max-age`, { skip: nginxMissing(), timeout: 4 * 60_000 }, async (ctx) => {
  const t = await startTributary();
  const { token, urls } = await startRecordedChannel(t, { channel: 'cdn' });
  publishRtmpSingle({ url: `${t.rtmpPrimary}/live/${token}/cam`, durationSec: 120 });
  const edge = await startNginxCache(dir, Number(new URL(t.httpBase).port));
  const viaEdge = (url: string) => edge.base + new URL(url).pathname;

  // The video playlist, once three segments are listed.
  const playlist = await waitFor('three segments listed', 60_000, async () => {
    const master = await fetchText(viaEdge(urls.hlsCmaf));
    if (master.status !== 200) return undefined;
    const lines = master.text.split('\n');
    const uri = lines.find((l, i) => i > 0 && lines[i - 1].includes('RESOLUTION=') && !l.startsWith('#'));
    if (!uri) return undefined;
    const url = new URL(uri, viaEdge(urls.hlsCmaf)).href;
    return ((await fetchText(url)).text.match(/#EXTINF/g)?.length ?? 0) >= 3 ? url : undefined;
  });
  const maxAge = Number(/max-age=(\d+)/.exec((await fetch(playlist)).headers.get('cache-control') ?? '')?.[1]);
  assert.ok(maxAge >= 1, 'a live playlist is cacheable for a short while');

  const stats = { requests: 0 };
  const started = Date.now();
  await Promise.all(Array.from({ length: PLAYERS }, () => player(playlist, started + WATCH_SEC * 1000, stats)));
  const seconds = (Date.now() - started) / 1000;

  const log = edge.requests();
  const playlistPath = new URL(playlist).pathname;
  const toOrigin = (pred: (uri: string) => boolean) => log.filter((r) => r.toOrigin && pred(r.uri));
  const segmentUris = new Set(log.filter((r) => r.uri.includes('Fragments(')).map((r) => r.uri));
  const perSegment = [...segmentUris].map((uri) => toOrigin((u) => u === uri).length);
  const playlistToOrigin = toOrigin((u) => u === playlistPath).length;
  const clientPlaylist = log.filter((r) => r.uri === playlistPath).length;
  ctx.diagnostic(`${stats.requests} player requests in ${seconds.toFixed(1)} s; ${segmentUris.size} segments, reaching the origin ${perSegment.reduce((a, b) => a + b, 0)} times; ` +
    `playlist: ${clientPlaylist} player requests, ${playlistToOrigin} to the origin (max-age ${maxAge} s); cache statuses: ${JSON.stringify(countBy(log.map((r) => r.cacheStatus)))}`);

  assert.ok(segmentUris.size >= 10, `players fetched ${segmentUris.size} segments`);
  assert.ok(perSegment.every((n) => n <= 1), `a segment reached the origin more than once: ${perSegment.join(',')}`);
  // One refresh per max-age, plus the first fetch and a race at each expiry edge.
  assert.ok(playlistToOrigin <= Math.ceil(seconds / maxAge) + 3, `${playlistToOrigin} playlist requests reached the origin in ${seconds.toFixed(1)} s`);
  assert.ok(clientPlaylist >= PLAYERS * 10, `players reloaded the playlist ${clientPlaylist} times`);
  await t.stop();
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
