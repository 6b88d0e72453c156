// Disk and memory per hour of a 3-rendition archive (issue 5): the real server records a live
// 3-rendition ladder (≈ 4.3 Mb/s, 2 s GOPs, pre-encoded once and pushed with -c copy so that
// encoding does not load the machine) into a program with a 25-hour window, so nothing is pruned,
// and the asset's bytes, files, journals and the server's resident memory are sampled as the
// archive grows. Figures are per hour of archived media (the asset's own duration), so a slow
// or loaded machine changes how long the run takes, not the result.
//
//   npm run build && node dist/bench/archive-footprint.js [--minutes 10]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from '../test/e2e/harness/ffmpeg.js';
import { stopAllManaged } from '../test/e2e/harness/process.js';
import { startTributary, waitFor } from '../test/e2e/tributary-process.js';

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1] || 10);
const SAMPLE_MS = 10_000;
/** Video kb/s per rendition + 128 kb/s AAC each: 2500 + 1200 + 500 + 3 × 128 ≈ 4.6 Mb/s on the wire. */
const LADDER = [
  { name: 'v720', size: '1280x720', kbps: 2500 },
  { name: 'v480', size: '854x480', kbps: 1200 },
  { name: 'v360', size: '640x360', kbps: 500 },
];

/** 60 s of the ladder, encoded once and kept between runs. */
function preEncode(dir: string): string {
  const file = join(dir, 'ladder-60s.mp4');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const split = `[0:v]split=3${LADDER.map((_, i) => `[s${i}]`).join('')};` + LADDER.map((r, i) => `[s${i}]scale=${r.size}[v${i}]`).join(';');
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
    '-t', '60', '-filter_complex', split,
    ...LADDER.flatMap((r, i) => ['-map', `[v${i}]`, `-c:v:${i}`, 'libx264', `-b:v:${i}`, `${r.kbps}k`, `-maxrate:v:${i}`, `${r.kbps}k`, `-bufsize:v:${i}`, `${2 * r.kbps}k`]),
    '-map', '1:a', '-preset', 'veryfast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', file,
  ], { stdio: 'inherit' });
  return file;
}

interface DiskUse {
  bytes: number;
  files: number;
  journalBytes: number;
  indexBytes: number;
}

/** Allocated bytes under a directory, each inode once (the asset's files are hard links to the channel's). */
function diskUse(dir: string, seen = new Set<number>()): DiskUse {
  const use: DiskUse = { bytes: 0, files: 0, journalBytes: 0, indexBytes: 0 };
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(dir, name));
    if (!st.isFile()) continue;
    use.files++;
    if (name.endsWith('timeline.jsonl')) use.journalBytes += st.size;
    if (!name.endsWith('.m4s') && !name.endsWith('.mp4')) use.indexBytes += st.size;
    if (seen.has(st.ino)) continue;
    seen.add(st.ino);
    use.bytes += st.blocks * 512;
  }
  return use;
}

interface Sample {
  archivedHours: number;
  rssBytes: number;
  asset: DiskUse;
  dataDirBytes: number;
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const input = preEncode(join(tmpdir(), 'tributary-bench'));
  const server = await startTributary();
  try {
    const ch = await server.api<{ input: { accessToken: string } }>('POST', '/channels', { name: 'bench', input: { protocol: 'rtmp' } });
    await server.api('POST', '/channels/bench/start');
    await server.api('POST', '/channels/bench/programs', { name: 'day', archiveWindow: 'PT25H' });
    await server.api('POST', '/channels/bench/programs/day/start');
    const token = ch.body.input.accessToken;
    const publisher = runFfmpeg([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', input,
      ...LADDER.flatMap((r, i) => ['-map', `0:v:${i}`, '-map', '0:a', '-c', 'copy', '-f', 'flv', `${server.rtmpPrimary}/live/${token}/${r.name}`]),
    ], 'ffmpeg ladder -c copy', minutes * 60 + 60);

    const assetDir = join(server.dataDir, 'media', 'asset-day');
    await waitFor('the asset to hold media', 60_000, async () => (existsSync(join(assetDir, 'asset.json')) ? true : undefined));
    const samples: Sample[] = [];
    const started = Date.now();
    console.log('minute  archived   asset MB  files   RSS MB');
    while (Date.now() - started < minutes * 60_000) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const asset = await server.api<{ durationMs: number }>('GET', '/assets/day');
      const sample: Sample = {
        archivedHours: asset.body.durationMs / 3_600_000,
        rssBytes: await server.rssBytes(),
        asset: diskUse(assetDir),
        dataDirBytes: diskUse(server.dataDir).bytes,
      };
      samples.push(sample);
      console.log(`${((Date.now() - started) / 60_000).toFixed(1).padStart(6)}  ${(sample.archivedHours * 60).toFixed(1).padStart(6)} min  ${(sample.asset.bytes / MB).toFixed(1).padStart(8)}  ${String(sample.asset.files).padStart(5)}  ${(sample.rssBytes / MB).toFixed(1).padStart(7)}`);
    }
    await publisher.stop(3000);

    // Steady state: the second half of the run (start-up allocations and JIT are behind).
    const steady = samples.slice(Math.floor(samples.length / 2));
    const per = (f: (s: Sample) => number) => slope(steady.map((s) => [s.archivedHours, f(s)]));
    const last = samples[samples.length - 1];
    const fragmentsPerHour = per((s) => s.asset.files);
    const rows: [string, string][] = [
      ['archived in this run', `${(last.archivedHours * 60).toFixed(1)} min of 3 renditions + 3 AAC tracks`],
      ['asset disk per hour', `${(per((s) => s.asset.bytes) / MB).toFixed(0)} MiB (${((per((s) => s.asset.bytes) * 8) / 3600 / 1e6).toFixed(2)} Mb/s of media)`],
      ['  of which index (journals, manifest)', `${(per((s) => s.asset.indexBytes) / 1024).toFixed(0)} KiB`],
      ['files per hour', `${fragmentsPerHour.toFixed(0)}`],
      ['whole data dir at the end', `${(last.dataDirBytes / MB).toFixed(0)} MiB (asset ${(last.asset.bytes / MB).toFixed(0)} MiB; the channel's 10-minute window shares its inodes)`],
      ['server RSS at first sample / at the end', `${(samples[0].rssBytes / MB).toFixed(0)} MiB / ${(last.rssBytes / MB).toFixed(0)} MiB`],
      ['server RSS growth per archived hour', `${(per((s) => s.rssBytes) / MB).toFixed(1)} MiB`],
    ];
    console.log(`\nTributary archive footprint — ${minutes} min run, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
    for (const [k, v] of rows) console.log(`${k.padEnd(42)} ${v}`);
    const versionLine = readFileSync('/proc/version', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`${'kernel'.padEnd(42)} ${versionLine}`);
  } finally {
    await server.stop();
    await stopAllManaged();
  }
}

await main();
