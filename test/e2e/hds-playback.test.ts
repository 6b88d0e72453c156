// Adobe HDS (format=f4m-f4f) from a real RTMP publish, read by a real HDS client: ffmpeg
// publishes two renditions with 2 s GOPs, yt-dlp follows the live f4m (refetching the live
// bootstrap for new fragments) and, after the program stops, downloads the on-demand
// presentation whole, as HDS and as Smooth Streaming; ffprobe and ffmpeg decode the files it
// writes. Loopback only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFlvTags } from '../../src/formats/flv/flv-tag-sequence.js';
import { parseFlvAudio } from '../../src/formats/flv/parse-flv-audio.js';
import { parseFlvVideo } from '../../src/formats/flv/parse-flv-video.js';
import { boxPayload, readBoxes } from '../../src/formats/mp4/box-reader.js';
import { readAbst } from '../../src/packaging/hds/read-abst.js';
import { FPS, GOP_FRAMES, LADDER } from './harness/ffmpeg-args.js';
import { ffprobeJson, publishRtmpLadder, runFfmpeg, type FfmpegProcess } from './harness/ffmpeg.js';
import { stopAllManaged } from './harness/process.js';
import { fragmentsDone, interruptYtDlp, startYtDlp, ytDlpMissing } from './harness/yt-dlp.js';
import { fetchText, startRecordedChannel, startTributary, waitFor, type Tributary } from './tributary-process.js';

const RENDITIONS = LADDER.slice(1);

interface Packet {
  codec_type: string;
  dts_time: string;
  flags: string;
}

async function fetchBytes(url: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}

/** media@url and bootstrap URL of each media element, resolved against the manifest URL. */
function mediaOf(f4m: string, manifestUrl: string): { url: string; bootstrap?: string }[] {
  return [...f4m.matchAll(/<media [^>]*url="([^"]+)" bootstrapInfoId="([^"]+)"/g)].map(([, url, id]) => {
    const boot = new RegExp(`<bootstrapInfo [^>]*id="${id}" url="([^"]+)"`).exec(f4m)?.[1];
    return { url: new URL(url, manifestUrl).href, bootstrap: boot && new URL(boot, manifestUrl).href };
  });
}

async function packets(file: string): Promise<{ video: Packet[]; audio: Packet[] }> {
  const probe = (await ffprobeJson(file, ['-show_entries', 'packet=codec_type,dts_time,flags'])) as { packets: Packet[] };
  return { video: probe.packets.filter((p) => p.codec_type === 'video'), audio: probe.packets.filter((p) => p.codec_type === 'audio') };
}

/** Whole 2 s fragments absent between consecutive video packets (a gap of k fragments is 2k s + one frame). */
function missingFragments(video: Packet[]): number {
  let missing = 0;
  for (let i = 1; i < video.length; i++) {
    const step = Number(video[i].dts_time) - Number(video[i - 1].dts_time);
    if (step > 0.1) missing += Math.round((step - 1 / FPS) / (GOP_FRAMES / FPS));
  }
  return missing;
}

async function decodesCleanly(file: string): Promise<void> {
  const decode = runFfmpeg(['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], 'ffmpeg decode', 60);
  const exit = await decode.exited;
  assert.equal(exit.code, 0, decode.stderr());
  assert.equal(decode.stderr().trim(), '');
}

describe('HDS: yt-dlp follows the live f4m and downloads the on-demand asset (HDS and Smooth)', { timeout: 5 * 60_000, skip: ytDlpMissing() }, () => {
  let t: Tributary;
  let hdsUrl: string;
  let smoothUrl: string;
  let publisher: FfmpegProcess;
  const dir = mkdtempSync(join(tmpdir(), 'tributary-hds-e2e-'));

  before(async () => {
    t = await startTributary();
    const { token, urls } = await startRecordedChannel(t, { channel: 'hds' });
    hdsUrl = urls.hds;
    smoothUrl = urls.smooth;
    publisher = publishRtmpLadder({ urlFor: (name) => `${t.rtmpPrimary}/live/${token}/video${name}`, durationSec: 150, renditions: RENDITIONS });
    await waitFor('two HDS renditions with three fragments each', 60_000, async () => {
      const f4m = await fetchText(hdsUrl);
      if (f4m.status !== 200) return undefined;
      const media = mediaOf(f4m.text, hdsUrl);
      if (media.length < RENDITIONS.length) return undefined;
      for (const m of media) {
        const boot = await fetchBytes(m.bootstrap!);
        if (boot.status !== 200 || readAbst(boot.bytes).segmentRuns[0].fragmentsPerSegment < 3) return undefined;
      }
      return true;
    });
  });

  after(async () => {
    await publisher?.stop(3000);
    await t?.stop();
    await stopAllManaged();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the live f4m names a live bootstrap per rendition; a fragment is afra + mdat of FLV tags', async () => {
    const f4m = await fetchText(hdsUrl);
    assert.equal(f4m.headers.get('content-type'), 'application/f4m+xml');
    assert.match(f4m.text, /<streamType>live<\/streamType>/);
    const media = mediaOf(f4m.text, hdsUrl);
    assert.equal(media.length, RENDITIONS.length);
    for (const m of media) {
      const boot = await fetchBytes(m.bootstrap!);
      assert.equal(boot.headers.get('content-type'), 'binary/octet');
      const abst = readAbst(boot.bytes);
      assert.equal(abst.live, true);
      const newest = abst.fragmentRuns[0].firstFragment + abst.segmentRuns[0].fragmentsPerSegment - 1;
      const frag = await fetchBytes(`${m.url}Seg1-Frag${newest}`);
      assert.equal(frag.status, 200);
      assert.equal(frag.headers.get('content-type'), 'video/f4f');
      assert.match(frag.headers.get('cache-control') ?? '', /immutable/);
      const boxes = readBoxes(frag.bytes);
      assert.deepEqual(boxes.map((b) => b.type), ['afra', 'mdat']);
      const tags = readFlvTags(boxPayload(boxes[1]));
      assert.equal(parseFlvVideo(tags[0].data).kind, 'config');
      assert.equal(parseFlvAudio(tags[1].data).kind, 'config');
      const frames = tags.filter((tag) => tag.type === 9).length - 1;
      assert.equal(frames, GOP_FRAMES, 'one 2 s GOP of video per fragment');
      assert.equal((await fetchBytes(`${m.url}Seg1-Frag${newest + 1000}`)).status, 404);
    }
  });

  test('yt-dlp follows the live stream by refetching the bootstrap; ffprobe decodes every fragment it got', async (ctx) => {
    const file = join(dir, 'live.flv');
    const ytDlp = startYtDlp(hdsUrl, file);
    // It starts with the newest two fragments, so five means three more came from refetches.
    await waitFor('yt-dlp to download five live fragments', 90_000, async () => {
      if (!ytDlp.isRunning()) throw new Error(`yt-dlp exited: ${ytDlp.stdout()}\n${ytDlp.stderr()}`);
      return fragmentsDone(ytDlp) >= 5 ? true : undefined;
    });
    await interruptYtDlp(ytDlp);
    const { video, audio } = await packets(file);
    // yt-dlp takes only the newest two fragments of each live bootstrap it refetches (f4m.py
    // build_fragments_list) and says so ("Missed N fragments") when more than two appeared
    // meanwhile. Every other fragment must be there: the DTS gaps add up to exactly those misses.
    const missedByClient = [...ytDlp.stderr().matchAll(/Missed (\d+) fragments/g)].reduce((n, m) => n + Number(m[1]), 0);
    // Its fragment counter counts the missed ones too, and Ctrl-C may come before the last one is appended.
    const appended = fragmentsDone(ytDlp) - missedByClient - 1;
    assert.ok(video.length >= appended * GOP_FRAMES && video.length >= 3 * GOP_FRAMES, `${video.length} video packets, ${fragmentsDone(ytDlp)} fragments counted, ${missedByClient} missed`);
    assert.ok(audio.length >= (video.length / GOP_FRAMES) * 90, `${audio.length} audio packets`);
    assert.ok(video[0].flags.startsWith('K'), 'the download starts on a key frame');
    assert.equal(missingFragments(video), missedByClient, `DTS gaps vs yt-dlp's own report: ${ytDlp.stderr()}`);
    ctx.diagnostic(`live: ${fragmentsDone(ytDlp)} fragments, ${video.length} video and ${audio.length} audio packets, ${missedByClient} skipped by yt-dlp`);
    await decodesCleanly(file);
  });

  test('after the program stops, yt-dlp downloads the on-demand presentation whole', async (ctx) => {
    assert.equal((await t.api('POST', '/channels/hds/programs/show/stop')).status, 200);
    const f4m = await waitFor('the recorded f4m', 30_000, async () => {
      const r = await fetchText(hdsUrl);
      return r.status === 200 && r.text.includes('<streamType>recorded</streamType>') ? r.text : undefined;
    });
    const duration = Number(/<duration>([\d.]+)<\/duration>/.exec(f4m)?.[1]);
    const inline = /<bootstrapInfo [^>]*>([A-Za-z0-9+/=]+)<\/bootstrapInfo>/.exec(f4m);
    assert.ok(inline, 'the on-demand bootstrap is inline');
    const abst = readAbst(Buffer.from(inline[1], 'base64'));
    assert.equal(abst.live, false);
    const fragments = abst.segmentRuns[0].fragmentsPerSegment;
    const file = join(dir, 'vod.flv');
    const ytDlp = startYtDlp(hdsUrl, file);
    const exit = await ytDlp.waitForExit(120_000);
    assert.equal(exit?.code, 0, `yt-dlp: ${ytDlp.stdout()}\n${ytDlp.stderr()}`);
    const { video, audio } = await packets(file);
    // Every fragment is one 2 s GOP: the file holds exactly the listed fragments' frames.
    assert.equal(video.length, fragments * GOP_FRAMES);
    assert.equal(Math.round(duration * FPS), video.length);
    assert.ok(Math.abs(audio.length - (duration * 48000) / 1024) <= 2, `${audio.length} audio packets for ${duration} s`);
    assert.equal(missingFragments(video), 0);
    ctx.diagnostic(`on demand: ${fragments} fragments, ${duration} s, ${video.length} video and ${audio.length} audio packets`);
    await decodesCleanly(file);
  });

  // yt-dlp reads on-demand Smooth manifests only (a live one yields no formats: extractor/common.py).
  test('yt-dlp downloads the on-demand Smooth presentation, best video and audio merged; ffprobe decodes every frame', async (ctx) => {
    const manifest = await waitFor('the on-demand Smooth manifest', 30_000, async () => {
      const r = await fetchText(smoothUrl);
      return r.status === 200 && r.text.includes('IsLive="FALSE"') ? r.text : undefined;
    });
    const videoIndex = /<StreamIndex Type="video"[\s\S]*?<\/StreamIndex>/.exec(manifest)![0];
    const fragments = [...videoIndex.matchAll(/<c [^>]*?(?:r="(\d+)")?\/>/g)].reduce((n, m) => n + Number(m[1] ?? 1), 0);
    const file = join(dir, 'vod-smooth.mp4');
    const ytDlp = startYtDlp(smoothUrl, file, 180_000, ['-f', 'bv+ba', '--merge-output-format', 'mp4']);
    const exit = await ytDlp.waitForExit(120_000);
    assert.equal(exit?.code, 0, `yt-dlp: ${ytDlp.stdout()}\n${ytDlp.stderr()}`);
    const { video, audio } = await packets(file);
    assert.equal(video.length, fragments * GOP_FRAMES, `${fragments} video fragments listed`);
    assert.ok(audio.length > 0);
    const streams = (await ffprobeJson(file, ['-show_streams'])) as { streams: { codec_type: string; height?: number }[] };
    assert.equal(streams.streams.find((s) => s.codec_type === 'video')?.height, RENDITIONS[0].height, 'the best video rendition');
    ctx.diagnostic(`Smooth on demand: ${fragments} fragments, ${video.length} video and ${audio.length} audio packets`);
    await decodesCleanly(file);
  });
});
