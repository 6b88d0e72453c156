// Helpers for the redundant-encoder end-to-end tests: one pre-encoded input that two ffmpeg
// processes push with `-c copy` (so both carry identical timestamps and key frames), a seeded
// random source for the moments encoders die (logged, so a failure can be replayed), and checks
// that an archived timeline (DASH SegmentTimeline, HLS media playlists) has no gap and no
// duplicate.
import { join } from 'node:path';
import { runFfmpeg, type FfmpegProcess } from './ffmpeg.js';
import { FPS, GOP_FRAMES } from './ffmpeg-args.js';

export const GOP_SEC = GOP_FRAMES / FPS;

/**
 * An MP4 of `seconds` s: 640x360 and 320x180 H.264 with 2 s closed GOPs, AAC 48 kHz. Encoded
 * once, ultrafast, as fast as the machine goes (no -re), so the live part of a test costs only
 * the copy of packets.
 */
export async function makePreEncodedInput(dir: string, seconds: number): Promise<string> {
  const file = join(dir, 'input.mp4');
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}`,
    '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
    '-t', String(seconds),
    '-filter_complex', '[0:v]split=2[a][b];[b]scale=320:180[bs]',
    '-map', '[a]', '-map', '[bs]', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v:0', '600k', '-b:v:1', '200k',
    '-g', String(GOP_FRAMES), '-keyint_min', String(GOP_FRAMES), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2',
    file,
  ];
  const p = runFfmpeg(args, 'ffmpeg pre-encode', 120);
  const exit = await p.exited;
  if (exit.code !== 0) throw new Error(`pre-encoding the input failed (${exit.code ?? exit.signal}): ${p.stderr()}`);
  return file;
}

export interface PushOptions {
  input: string;
  url: string;
  format: 'ismv' | 'flv';
  /**
   * Start this far into the input (a restarted encoder resumes the live picture, not the
   * beginning). Give a GOP boundary: with -c copy, output starts at the key frame before it.
   */
  startSec?: number;
  /**
   * Keep the input's timestamps after a seek (-copyts): a Smooth encoder whose clock is a time
   * code resumes on that clock. RTMP encoders start from zero whenever they start, so no.
   */
  keepTimestamps?: boolean;
  lifetimeSec: number;
}

/** ffmpeg pushing the input in real time with -c copy: Smooth (all tracks) or RTMP (one rendition). */
export function pushCopy(o: PushOptions): FfmpegProcess {
  const seek = o.startSec ? ['-ss', String(o.startSec), ...(o.keepTimestamps ? ['-copyts'] : [])] : [];
  const output = o.format === 'ismv'
    ? ['-map', '0', '-c', 'copy', '-movflags', 'isml+frag_keyframe', '-f', 'ismv', o.url]
    : ['-map', '0:v:0', '-map', '0:a', '-c', 'copy', '-flvflags', 'no_duration_filesize', '-f', 'flv', o.url];
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-re', ...seek, '-i', o.input, ...output];
  return runFfmpeg(args, `ffmpeg ${o.format} copy${o.startSec ? ` from ${o.startSec} s` : ''}`, o.lifetimeSec);
}

/** A crash: SIGKILL to the process group, no flushing, the connection just drops. */
export async function crash(p: FfmpegProcess): Promise<void> {
  if (p.isRunning() && p.child.pid !== undefined) process.kill(-p.child.pid, 'SIGKILL');
  await p.exited;
}

/** mulberry32: a small seeded generator, so the random moments of a run can be replayed. */
export function seededRandom(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + r * (max - min);
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export interface TimelineCheck {
  representation: string;
  /** `<S>` elements that state `t`: one per run of contiguous segments. */
  runs: number;
  segments: number;
  /** Start times that do not increase strictly (a duplicate or an overlap). */
  notIncreasing: string[];
}

/** Per Representation of a DASH MPD: how many contiguous runs, and whether start times increase. */
export function checkDashTimelines(mpd: string): TimelineCheck[] {
  const reps = [...mpd.matchAll(/<Representation id="([^"]+)"[\s\S]*?<\/Representation>/g)];
  return reps.map(([rep, id]) => {
    let time: bigint | undefined;
    let runs = 0;
    let segments = 0;
    const notIncreasing: string[] = [];
    for (const s of rep.matchAll(/<S\b([^>]*)\/>/g)) {
      const attr = (name: string) => new RegExp(`\\b${name}="(-?\\d+)"`).exec(s[1])?.[1];
      const t = attr('t');
      const d = BigInt(attr('d') ?? '0');
      const r = Number(attr('r') ?? '0');
      if (t !== undefined) {
        runs++;
        if (time !== undefined && BigInt(t) <= time - 1n) notIncreasing.push(`${t} after end ${time}`);
        time = BigInt(t);
      }
      if (d <= 0n) notIncreasing.push(`duration ${d} at ${time}`);
      segments += r + 1;
      time = (time ?? 0n) + d * BigInt(r + 1);
    }
    return { representation: id, runs, segments, notIncreasing };
  });
}

/** The media playlists of an HLS master playlist, fetched. */
export async function hlsMediaPlaylists(masterUrl: string): Promise<{ uri: string; text: string }[]> {
  const master = await (await fetch(masterUrl)).text();
  const uris = master.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const audio = [...master.matchAll(/#EXT-X-MEDIA:[^\n]*URI="([^"]+)"/g)].map((m) => m[1]);
  return Promise.all([...uris, ...audio].map(async (uri) => ({ uri, text: await (await fetch(new URL(uri, masterUrl).href)).text() })));
}

/** Problems of one HLS media playlist: discontinuities, or media sequence/segment names repeated. */
export function checkHlsPlaylist(text: string): string[] {
  const problems: string[] = [];
  if (/#EXT-X-DISCONTINUITY\b(?!-)/.test(text)) problems.push('EXT-X-DISCONTINUITY');
  const segments = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  if (new Set(segments).size !== segments.length) problems.push('a segment URI is listed twice');
  // Segment names carry their start time (`Fragments(video_cam=<time>,…)`): it must increase.
  const times = segments.map((s) => /=(\d+)/.exec(s)?.[1]).filter((x): x is string => x !== undefined).map(BigInt);
  for (let i = 1; i < times.length; i++) if (times[i] <= times[i - 1]) problems.push(`time ${times[i]} after ${times[i - 1]}`);
  return problems;
}
