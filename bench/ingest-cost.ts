// Ingest cost, Tributary ÷ nginx-rtmp in the same run (issue 8, figure 1): N channels of a
// 3-rendition ladder (≈ 4.3 Mb/s each, 2 s GOPs) are published into each server in turn by one
// replaying publisher in this process (pre-encoded FLV tags sent at their own pace over the
// project's RTMP client: far cheaper than ffmpeg -c copy, which costs more per channel than the
// servers being measured), and each server's CPU seconds (user + system, every process of it)
// are read from /proc over the measured window. nginx-rtmp (Debian's libnginx-mod-rtmp) writes
// HLS and DASH to disk; Tributary stores CMAF fragments and packages every format on request.
// Both run one process (nginx: worker_processes 1), so the figure compares work per core.
//
//   apt-get install -y nginx-light libnginx-mod-rtmp   (once)
//   npm run build && node dist/bench/ingest-cost.js [--channels 10] [--seconds 60] [--profile DIR]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFlvTags, type FlvTag } from '../src/formats/flv/flv-tag-sequence.js';
import { ErtmpPublisher } from '../src/ingest/rtmp/testing/ertmp-publisher.js';
import { getFreePort } from '../test/e2e/harness/free-port.js';
import { stopAllManaged } from '../test/e2e/harness/process.js';
import { startTributary } from '../test/e2e/tributary-process.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1] || fallback);
const channels = process.argv.includes('--channels') ? arg('channels', 10) : 10;
const seconds = process.argv.includes('--seconds') ? arg('seconds', 60) : 60;
/** `--profile DIR`: Tributary runs under --cpu-prof and writes its profile there on exit. */
const profileDir = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const WARM_UP_MS = 10_000;
const LOOP_MS = 60_000;
const CLK_TCK = 100;

/** ≈ 4.3 Mb/s: 2500 + 1000 + 400 kb/s of video, 3 × 128 kb/s AAC. */
const LADDER = [
  { name: 'v720', size: '1280x720', kbps: 2500 },
  { name: 'v480', size: '854x480', kbps: 1000 },
  { name: 'v360', size: '640x360', kbps: 400 },
];

/** 60 s of each rendition as FLV tags, encoded once and cached between runs. */
function preEncode(dir: string): FlvTag[][] {
  mkdirSync(dir, { recursive: true });
  return LADDER.map((r) => {
    const file = join(dir, `${r.name}-60s.flv`);
    if (!existsSync(file)) {
      execFileSync('ffmpeg', [
        '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${r.size}:rate=30`, '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
        '-t', '60', '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', `${r.kbps}k`, '-maxrate', `${r.kbps}k`, '-bufsize', `${2 * r.kbps}k`,
        '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-f', 'flv', file,
      ], { stdio: 'inherit' });
    }
    return readFlvTags(new Uint8Array(readFileSync(file)).subarray(13)).filter((t) => t.type === 8 || t.type === 9);
  });
}

/** user + system CPU seconds of the given processes so far (/proc/<pid>/stat fields 14 and 15). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process is gone: it no longer counts.
    }
  }
  return ticks / CLK_TCK;
}

function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid)) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

/** Publishes every channel's three renditions in a loop until stopped; timestamps keep rising across loops. */
function replay(port: number, streams: { app: string; name: string; tags: FlvTag[] }[]): { stop(): Promise<void>; lateMs(): number } {
  let running = true;
  let worstLateMs = 0;
  const tasks = streams.map(async (s) => {
    // 4096-byte chunks, as OBS and ffmpeg publish.
    const p = await ErtmpPublisher.publish({ port, app: s.app, name: s.name, chunkSize: 4096 });
    const started = Date.now();
    for (let loop = 0; running; loop++) {
      for (const tag of s.tags) {
        if (!running) break;
        const at = loop * LOOP_MS + tag.timestamp;
        const wait = started + at - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else worstLateMs = Math.max(worstLateMs, -wait);
        p.send({ typeId: tag.type as 8 | 9, timestampMs: at, body: tag.data });
      }
    }
    await p.stop().catch(() => undefined);
  });
  return {
    async stop() {
      running = false;
      await Promise.all(tasks);
    },
    lateMs: () => worstLateMs,
  };
}

async function measure(pids: () => number[], port: number, streams: { app: string; name: string; tags: FlvTag[] }[]) {
  const publisher = replay(port, streams);
  await new Promise((r) => setTimeout(r, WARM_UP_MS));
  const before = cpuSeconds(pids());
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = cpuSeconds(pids()) - before;
  const wallMinutes = (Date.now() - t0) / 60_000;
  await publisher.stop();
  return { cpuPerMinute: cpu / wallMinutes, publisherLateMs: publisher.lateMs() };
}

async function benchTributary(tags: FlvTag[][]) {
  const t = await startTributary(profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {});
  try {
    const streams = [];
    for (let c = 0; c < channels; c++) {
      const ch = await t.api<{ input: { accessToken: string } }>('POST', '/channels', { name: `b${c}`, input: { protocol: 'rtmp' } });
      await t.api('POST', `/channels/b${c}/start`);
      for (const [i, r] of LADDER.entries()) streams.push({ app: `live/${ch.body.input.accessToken}`, name: r.name, tags: tags[i] });
    }
    const port = Number(new URL(t.rtmpPrimary.replace('rtmp:', 'http:')).port);
    return await measure(() => [t.process.child.pid!], port, streams);
  } finally {
    await t.stop();
  }
}

async function benchNginxRtmp(tags: FlvTag[][], dir: string) {
  const port = await getFreePort();
  const root = join(dir, 'nginx');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'hls'), { recursive: true });
  mkdirSync(join(root, 'dash'), { recursive: true });
  const conf = join(root, 'nginx.conf');
  writeFileSync(
    conf,
    `load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
user root;
worker_processes 1;
daemon off;
pid ${root}/nginx.pid;
error_log ${root}/error.log warn;
events { worker_connections 4096; }
rtmp {
  server {
    listen 127.0.0.1:${port};
    chunk_size 4096;
    application live {
      live on;
      hls on; hls_path ${root}/hls; hls_fragment 2s; hls_playlist_length 60s; hls_nested on;
      dash on; dash_path ${root}/dash; dash_fragment 2s; dash_playlist_length 60s; dash_nested on;
    }
  }
}
`,
  );
  const nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', root], { stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 1000));
  try {
    const streams = [];
    for (let c = 0; c < channels; c++) for (const [i, r] of LADDER.entries()) streams.push({ app: 'live', name: `b${c}_${r.name}`, tags: tags[i] });
    return await measure(() => [nginx.pid!, ...childPids(nginx.pid!)], port, streams);
  } finally {
    nginx.kill('SIGQUIT');
    await new Promise((r) => nginx.once('exit', r));
  }
}

const dir = join(tmpdir(), 'tributary-bench');
const tags = preEncode(dir);
process.stdout.write(`ingest cost: ${channels} channels × ${LADDER.length} renditions, ${seconds} s measured after ${WARM_UP_MS / 1000} s of warm-up\n`);
const tributary = await benchTributary(tags);
const nginx = await benchNginxRtmp(tags, dir);
await stopAllManaged();
const row = (name: string, r: { cpuPerMinute: number; publisherLateMs: number }) =>
  `${name.padEnd(12)} ${r.cpuPerMinute.toFixed(2).padStart(10)} CPU s/min   ${(r.cpuPerMinute / channels).toFixed(3)} per channel   publisher at most ${r.publisherLateMs} ms late\n`;
process.stdout.write(row('tributary', tributary) + row('nginx-rtmp', nginx));
process.stdout.write(`ratio tributary ÷ nginx-rtmp: ${(tributary.cpuPerMinute / nginx.cpuPerMinute).toFixed(2)}\n`);
