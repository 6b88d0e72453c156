// Asset filters and several audio languages, as a user meets them (CONTRACT §4 `filter=a;b`):
// ffmpeg publishes two video renditions with English and French audio over Smooth ingest; filters
// created through the API narrow what every format lists; Shaka plays MPEG-TS HLS and CMAF DASH,
// hls.js and dash.js play under filters; a locator applies a filter by default.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { FFMPEG, runFfmpeg, type FfmpegProcess } from './harness/ffmpeg.js';
import { liveTestSourceArgs } from './harness/ffmpeg-args.js';
import { describeReport, launchBrowser, playInBrowser, type PlayerName } from './harness/players.js';
import { spawnManaged, stopAllManaged } from './harness/process.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type LocatorUrls, type Tributary } from './tributary-process.js';

const S = 10_000_000;
const skipBrowser = process.env.TRIBUTARY_SKIP_BROWSER === '1';

interface Asset {
  startTimestamp?: number;
  tracks: { id: string; type: string; bitrate: number; language?: string }[];
}

describe('asset filters over two video renditions and two audio languages', { timeout: 5 * 60_000 }, () => {
  let t: Tributary;
  let urls: LocatorUrls;
  let encoder: FfmpegProcess | undefined;
  let browser: Browser | undefined;
  let asset: Asset;

  /** A locator URL with filters added to its manifest options. */
  const filtered = (key: keyof LocatorUrls, filters: string) => urls[key].replace(/manifest(\(format=[^)]*)?\)?$/, (_m, f?: string) => `manifest(${f ? `${f.slice(1)},` : ''}filter=${filters})`);

  before(async () => {
    t = await startTributary();
    const rec = await startRecordedChannel(t, { channel: 'lang', protocol: 'fmp4', archiveWindow: 'PT10M' });
    urls = rec.urls;
    const args = [
      ...liveTestSourceArgs({ width: 640, height: 360, durationSec: 240 }),
      '-re', '-t', '240', '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000',
      '-filter_complex', '[0:v]split=2[a][b];[b]scale=320:180[bs]',
      '-map', '[a]', '-map', '[bs]', '-map', '1:a', '-map', '2:a',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v:0', '700k', '-b:v:1', '300k', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a:0', '96k', '-b:a:1', '64k', '-ar', '48000',
      '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fra',
      '-movflags', 'isml+frag_keyframe', '-f', 'ismv', `${t.httpBase}/ingest/lang/${rec.token}/ingest.isml/Streams(cam)`,
    ];
    encoder = runFfmpeg(args, 'ffmpeg ismv two languages', 240);
    asset = await waitFor('four tracks with six fragments each', 60_000, async () => {
      const a = (await t.api<Asset>('GET', '/assets/show')).body;
      const mpd = await fetchText(urls.dashCmaf);
      const enough = mpd.status === 200 && [...mpd.text.matchAll(/<S t="\d+" d="\d+"(?: r="(\d+)")?/g)].length > 0;
      return a.tracks.length === 4 && enough && (await fragmentsListed(t)) >= 6 ? a : undefined;
    });
  });

  after(async () => {
    await browser?.close();
    await encoder?.stop(2000);
    await t?.stop();
    await stopAllManaged();
  });

  test('both languages reach every format: HLS renditions, DASH adaptation sets, Smooth stream indexes', async () => {
    assert.deepEqual(asset.tracks.filter((x) => x.type === 'audio').map((x) => x.language).sort(), ['eng', 'fra']);
    assert.ok(Number.isSafeInteger(asset.startTimestamp), JSON.stringify(asset));
    const hls = (await fetchText(urls.hlsCmaf)).text;
    assert.deepEqual([...hls.matchAll(/TYPE=AUDIO,[^\n]*LANGUAGE="([a-z]+)"/g)].map((m) => m[1]).sort(), ['eng', 'fra']);
    const mpd = (await fetchText(urls.dash)).text;
    assert.deepEqual([...mpd.matchAll(/contentType="audio"[^>]*lang="([a-z]+)"/g)].map((m) => m[1]).sort(), ['eng', 'fra']);
    const smooth = (await fetchText(urls.smooth)).text;
    assert.deepEqual([...smooth.matchAll(/Type="audio"[^>]*Language="([a-z]+)"/g)].map((m) => m[1]).sort(), ['eng', 'fra']);
  });

  test('filters created through the API narrow the manifests of every format; unknown ones are 404', async () => {
    const create = async (body: unknown) => {
      const r = await t.api('POST', '/assets/show/filters', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    };
    await create({ name: 'french', tracks: [{ trackSelections: [{ property: 'Type', value: 'video' }] }, { trackSelections: [{ property: 'Language', value: 'fr' }] }] });
    await create({ name: 'low', tracks: [{ trackSelections: [{ property: 'Type', value: 'video' }, { property: 'Bitrate', value: '0-500000' }] }, { trackSelections: [{ property: 'Type', value: 'audio' }] }] });
    await create({ name: 'late', presentationTimeRange: { startTimestamp: asset.startTimestamp! + 4 * S } });

    const hls = (await fetchText(filtered('hlsCmaf', 'french'))).text;
    assert.deepEqual([...hls.matchAll(/LANGUAGE="([a-z]+)"/g)].map((m) => m[1]), ['fra']);
    assert.match(hls, /Manifest\(\w+,format=m3u8-cmaf,filter=french\)/);
    const low = (await fetchText(filtered('hls', 'low'))).text;
    assert.equal(low.match(/RESOLUTION=/g)?.length, 1, low);
    assert.match(low, /RESOLUTION=320x180/);
    const mpd = (await fetchText(filtered('dashCmaf', 'french;low'))).text;
    assert.equal(mpd.match(/<Representation /g)?.length, 2, mpd);
    assert.match(mpd, /lang="fra"/);
    const smooth = (await fetchText(filtered('smooth', 'low'))).text;
    assert.match(smooth, /Type="video"[^>]*QualityLevels="1"/);
    assert.ok((await fetchText(filtered('hds', 'french'))).text.includes('filter=french'));

    // The start is trimmed: the first listed fragment begins at or before it, its successor after it.
    const start = BigInt(asset.startTimestamp! + 4 * S);
    const late = (await fetchText(filtered('smooth', 'late'))).text;
    const firstT = BigInt(/<c t="(\d+)"/.exec(late)![1]);
    assert.ok(firstT <= start && firstT + 2n * BigInt(S) + BigInt(S) / 10n > start, `first fragment at ${firstT} for a start at ${start}`);

    const unknown = await fetchText(filtered('hls', 'nope'));
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /unknown filter \\?"nope\\?"/);
  });

  test('an MPEG-TS segment under the French filter carries the French audio, byte for byte', async () => {
    const master = (await fetchText(filtered('hls', 'french'))).text;
    const variant = new URL(master.split('\n').find((l) => l.startsWith('QualityLevels(') && l.includes('video'))!, filtered('hls', 'french')).href;
    const playlist = (await fetchText(variant)).text;
    const segment = playlist.split('\n').find((l) => l.startsWith('Fragments('))!;
    assert.match(segment, /filter=french/);
    const tsUrl = new URL(segment, variant).href;
    const sequence = mediaSequence(playlist);

    // The fragment of the French track with the same sequence, as CMAF: its AAC frames must be the TS segment's.
    const cmafMaster = (await fetchText(urls.hlsCmaf)).text;
    const frUri = /LANGUAGE="fra"[^\n]*URI="([^"]+)"/.exec(cmafMaster)![1];
    const frPlaylistUrl = new URL(frUri, urls.hlsCmaf).href;
    const frPlaylist = (await fetchText(frPlaylistUrl)).text;
    const frSegment = frPlaylist.split('\n').filter((l) => l.startsWith('Fragments('))[sequence - mediaSequence(frPlaylist)];
    assert.ok(frSegment, `no French fragment ${sequence} in ${frPlaylist}`);
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(frPlaylist)![1];
    const cmafBytes = Buffer.concat([await bytes(new URL(init, frPlaylistUrl).href), await bytes(new URL(frSegment, frPlaylistUrl).href)]);

    const fromTs = await adtsDigest(await bytes(tsUrl));
    const fromCmaf = await adtsDigest(cmafBytes);
    assert.equal(fromTs, fromCmaf, 'the TS segment muxes the French track');
    const english = await adtsDigest(await bytes(tsUrl.replace(/,filter=french/, '')));
    assert.notEqual(english, fromCmaf, 'without the filter it muxes the English one');
  });

  const plays: Array<[PlayerName, keyof LocatorUrls, string]> = [
    ['shaka', 'hls', 'french'],
    ['shaka', 'dashCmaf', 'low'],
    ['dash.js', 'dashCmaf', 'french;late'],
    ['hls.js', 'hlsCmaf', 'french;low'],
  ];
  for (const [player, key, filters] of plays) {
    test(`${player} plays ${key} live under filter=${filters}`, { skip: skipBrowser }, async () => {
      browser ??= await launchBrowser();
      const report = await playInBrowser({ browser, player, url: filtered(key, filters), seconds: 6, minAdvanceSeconds: 3 });
      assert.ok(report.ok, describeReport(report));
      assert.deepEqual(report.fatalErrors, []);
      if (filters.includes('low')) assert.equal(report.videoHeight, 180, describeReport(report));
    });
  }

  test('a locator applies its default filters to every manifest; a filter it applies cannot be deleted; edits apply at once', async () => {
    const r = await t.api<{ id: string; filters: string[]; urls: LocatorUrls }>('POST', '/locators', { assetName: 'show', filters: ['low'] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.filters, ['low']);
    const hls = (await fetchText(r.body.urls.hls)).text;
    assert.equal(hls.match(/RESOLUTION=/g)?.length, 1);
    assert.doesNotMatch(hls, /filter=/, 'defaults do not show in the URLs');
    const french = (await fetchText(r.body.urls.hlsCmaf.replace(/\)$/, ',filter=french)'))).text;
    assert.deepEqual([...french.matchAll(/LANGUAGE="([a-z]+)"/g)].map((m) => m[1]), ['fra'], 'URL filters add to the defaults');

    const refused = await t.api('DELETE', '/assets/show/filters/low');
    assert.deepEqual([refused.status, (refused.body as { code: string }).code], [409, 'ERR_FILTER_IN_USE']);
    const patched = await t.api('PATCH', '/assets/show/filters/low', { tracks: [{ trackSelections: [{ property: 'Type', value: 'audio' }] }] });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const audioOnly = (await fetchText(r.body.urls.hls)).text;
    assert.doesNotMatch(audioOnly, /RESOLUTION=/, 'the edited filter applies to the next request');
  });
});

function mediaSequence(playlist: string): number {
  return Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)![1]);
}

async function fragmentsListed(t: Tributary): Promise<number> {
  const s = await t.api<{ tracks: { fragmentsListed: number }[] }>('GET', '/channels/lang/ingest');
  return Math.min(...s.body.tracks.map((x) => x.fragmentsListed));
}

async function bytes(url: string): Promise<Buffer> {
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  return Buffer.from(await r.arrayBuffer());
}

/** SHA-256 of the AAC frames of `media` rewrapped as ADTS by ffmpeg (-c copy): the same frames give the same digest. */
async function adtsDigest(media: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-adts-'));
  try {
    writeFileSync(join(dir, 'in'), media);
    const proc = spawnManaged(FFMPEG, ['-hide_banner', '-v', 'error', '-i', join(dir, 'in'), '-map', '0:a:0', '-c', 'copy', '-f', 'adts', join(dir, 'out.aac')], {
      name: 'ffmpeg adts',
      maxLifetimeMs: 20_000,
    });
    const exit = await proc.exited;
    assert.equal(exit.code, 0, proc.stderr());
    return createHash('sha256').update(readFileSync(join(dir, 'out.aac'))).digest('hex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
