// Pure builders for ffmpeg command lines, kept apart from the code that runs them so the exact
// arguments can be inspected in a test and reused by every publisher. Every encode uses 2 s closed
// GOPs at 30 fps with scene-cut detection off, so all renditions cut segments at the same instants
// (formats.md §7.2); "ultrafast" keeps the 2-core CI machine from falling behind real time.

export interface RenditionSpec {
  /** Used in URLs and file names, e.g. "720p". */
  name: string;
  width: number;
  height: number;
  videoKbps: number;
  audioKbps: number;
}

export const LADDER: readonly RenditionSpec[] = [
  { name: '720p', width: 1280, height: 720, videoKbps: 1500, audioKbps: 128 },
  { name: '480p', width: 854, height: 480, videoKbps: 800, audioKbps: 96 },
  { name: '360p', width: 640, height: 360, videoKbps: 400, audioKbps: 64 },
];

export const FPS = 30;
export const GOP_FRAMES = 60;

export interface SourceOptions {
  width: number;
  height: number;
  /** Stops the sources after this many seconds, which ends every output cleanly. */
  durationSec?: number;
}

/** Two real-time lavfi inputs: input 0 is the testsrc2 picture, input 1 a 1 kHz tone. */
export function liveTestSourceArgs(source: SourceOptions): string[] {
  const limit = source.durationSec === undefined ? [] : ['-t', String(source.durationSec)];
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'warning',
    '-re', ...limit, '-f', 'lavfi', '-i', `testsrc2=size=${source.width}x${source.height}:rate=${FPS}`,
    '-re', ...limit, '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
  ];
}

/**
 * A filter graph splitting input 0 into one scaled branch per rendition, labelled [v0], [v1], ...
 * Scaling a branch to the source size is a cheap no-op, so every branch is treated alike.
 */
export function splitScaleFilter(renditions: readonly RenditionSpec[]): string {
  const branches = renditions.map((_, i) => `[s${i}]`).join('');
  const scales = renditions.map((r, i) => `[s${i}]scale=${r.width}:${r.height}[v${i}]`);
  return [`[0:v]split=${renditions.length}${branches}`, ...scales].join(';');
}

/** H.264 options for one output stream; `streamSuffix` is e.g. ":0" to target the first video stream. */
export function x264Args(rendition: RenditionSpec, streamSuffix = ''): string[] {
  const kbps = rendition.videoKbps;
  return [
    `-c:v${streamSuffix}`, 'libx264', `-preset:v${streamSuffix}`, 'ultrafast', `-tune:v${streamSuffix}`, 'zerolatency',
    `-b:v${streamSuffix}`, `${kbps}k`, `-maxrate:v${streamSuffix}`, `${kbps}k`, `-bufsize:v${streamSuffix}`, `${kbps * 2}k`,
    `-g:v${streamSuffix}`, String(GOP_FRAMES), `-keyint_min:v${streamSuffix}`, String(GOP_FRAMES), `-sc_threshold:v${streamSuffix}`, '0',
    `-pix_fmt:v${streamSuffix}`, 'yuv420p', `-r:v${streamSuffix}`, String(FPS),
  ];
}

/** AAC-LC 48 kHz stereo for one output stream. */
export function aacArgs(kbps: number, streamSuffix = ''): string[] {
  return [`-c:a${streamSuffix}`, 'aac', `-b:a${streamSuffix}`, `${kbps}k`, `-ar:a${streamSuffix}`, '48000', `-ac:a${streamSuffix}`, '2'];
}

/** One FLV/RTMP output carrying filter branch [v<index>] and the tone. */
export function flvOutputArgs(rendition: RenditionSpec, index: number, url: string): string[] {
  return [
    '-map', `[v${index}]`, '-map', '1:a',
    ...x264Args(rendition), ...aacArgs(rendition.audioKbps),
    // Live RTMP cannot seek back to patch duration/filesize; without this ffmpeg warns at exit.
    '-flvflags', 'no_duration_filesize',
    '-f', 'flv', url,
  ];
}

export function largest(renditions: readonly RenditionSpec[]): RenditionSpec {
  if (renditions.length === 0) throw new Error('at least one rendition is needed');
  return renditions.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
}

export type NextGenVideoCodec = 'hevc' | 'av1';

/**
 * HEVC (libx265 ultrafast, `hvc1`) or AV1 (libsvtav1 preset 12, the fastest) with the same 2 s
 * closed GOPs as the H.264 ladder, plus AAC, as fragmented MP4 on stdout with one fragment per
 * frame, so that a reader gets each access unit as soon as it is encoded (the E-RTMP publisher,
 * ertmp-publisher.ts, turns them into RTMP messages).
 */
export function nextGenFmp4PipeArgs(codec: NextGenVideoCodec, rendition: RenditionSpec, durationSec: number): string[] {
  const kbps = `${rendition.videoKbps}k`;
  const gop = ['-g', String(GOP_FRAMES), '-keyint_min', String(GOP_FRAMES), '-pix_fmt', 'yuv420p', '-r', String(FPS)];
  const video =
    codec === 'hevc'
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-b:v', kbps, ...gop, '-x265-params', 'log-level=error:scenecut=0', '-tag:v', 'hvc1']
      : ['-c:v', 'libsvtav1', '-preset', '12', '-b:v', kbps, ...gop];
  return [
    ...liveTestSourceArgs({ width: rendition.width, height: rendition.height, durationSec }),
    '-map', '0:v', '-map', '1:a',
    ...video, ...aacArgs(rendition.audioKbps),
    '-movflags', 'frag_every_frame+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1',
  ];
}
