// Runs ffmpeg/ffprobe for tests: RTMP publishers with a bounded life, a probe that returns parsed
// JSON, and ffmpeg used as a strict decoding client. Every process goes through spawnManaged, so
// stopAllManaged() in an after() hook kills whatever a test left running.
import { LADDER, flvOutputArgs, largest, liveTestSourceArgs, splitScaleFilter, type RenditionSpec } from './ffmpeg-args.js';
import { waitForListening } from './free-port.js';
import { spawnManaged, type ManagedProcess } from './process.js';

export const FFMPEG = process.env.TRIBUTARY_FFMPEG ?? '/usr/bin/ffmpeg';
export const FFPROBE = process.env.TRIBUTARY_FFPROBE ?? '/usr/bin/ffprobe';

/** Publishers that nobody stops still end on their own after this long. */
const DEFAULT_PUBLISH_SEC = 120;
/** Extra time past durationSec before the hard kill; ffmpeg needs a moment to flush and close. */
const LIFETIME_SLACK_MS = 15_000;

export interface FfmpegProcess extends ManagedProcess {
  readonly args: readonly string[];
}

export interface PublishLadderOptions {
  /** RTMP URL for one rendition, e.g. (name) => `rtmp://127.0.0.1:${port}/live/s_${name}`. */
  urlFor: (renditionName: string, rendition: RenditionSpec) => string;
  durationSec?: number;
  /** Defaults to LADDER (720p/480p/360p). */
  renditions?: readonly RenditionSpec[];
}

/** One ffmpeg process, one encode per rendition, one RTMP connection per rendition; GOPs aligned. */
export function publishRtmpLadder(options: PublishLadderOptions): FfmpegProcess {
  const renditions = options.renditions ?? LADDER;
  const top = largest(renditions);
  const durationSec = options.durationSec ?? DEFAULT_PUBLISH_SEC;
  const args = [
    ...liveTestSourceArgs({ width: top.width, height: top.height, durationSec }),
    '-filter_complex', splitScaleFilter(renditions),
    ...renditions.flatMap((r, i) => flvOutputArgs(r, i, options.urlFor(r.name, r))),
  ];
  return runFfmpeg(args, 'ffmpeg rtmp ladder', durationSec);
}

export interface PublishSingleOptions {
  url: string;
  durationSec?: number;
  /** Defaults to the 360p rung, the cheapest to encode. */
  rendition?: RenditionSpec;
}

export function publishRtmpSingle(options: PublishSingleOptions): FfmpegProcess {
  const rendition = options.rendition ?? LADDER[LADDER.length - 1];
  const durationSec = options.durationSec ?? DEFAULT_PUBLISH_SEC;
  const args = [
    ...liveTestSourceArgs({ width: rendition.width, height: rendition.height, durationSec }),
    '-filter_complex', splitScaleFilter([rendition]),
    ...flvOutputArgs(rendition, 0, options.url),
  ];
  return runFfmpeg(args, 'ffmpeg rtmp single', durationSec);
}

/** Starts ffmpeg with the given arguments and a hard lifetime of durationSec plus some slack. */
export function runFfmpeg(args: readonly string[], name: string, durationSec: number): FfmpegProcess {
  const proc = spawnManaged(FFMPEG, args, { name, maxLifetimeMs: durationSec * 1000 + LIFETIME_SLACK_MS });
  return Object.assign(proc, { args });
}

export interface ProbeOptions {
  timeoutMs?: number;
}

/**
 * `ffprobe -v error -of json <args> <input>` parsed. `args` selects what to show, e.g.
 * ['-show_streams'] or ['-show_entries', 'packet=pts_time,flags', '-select_streams', 'v'].
 */
export async function ffprobeJson(input: string, args: readonly string[] = ['-show_format', '-show_streams'], options: ProbeOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const proc = spawnManaged(FFPROBE, ['-hide_banner', '-v', 'error', '-of', 'json', ...args, input], {
    name: 'ffprobe',
    maxLifetimeMs: timeoutMs,
    // Packet and frame listings of a long file are large; keep all of it so the JSON stays whole.
    captureLimitBytes: 256 * 1024 * 1024,
  });
  const exit = await proc.exited;
  if (exit.code !== 0) {
    throw new Error(`ffprobe ${input} failed (${exit.code ?? exit.signal}): ${proc.stderr().trim()}`);
  }
  return JSON.parse(proc.stdout()) as unknown;
}

export interface DecodeResult {
  /** ffmpeg's exit code; null when it was killed (see timedOut). */
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

/**
 * Reads `seconds` of media from `url` with ffmpeg and decodes it, failing on the first error
 * (-xerror), so any exit code other than 0 means ffmpeg as a client rejected the stream.
 * Live inputs are read at their own pace, so the default timeout leaves room for that.
 */
export async function decodeWithFfmpeg(url: string, seconds: number, options: { timeoutMs?: number } = {}): Promise<DecodeResult> {
  const timeoutMs = options.timeoutMs ?? seconds * 1000 + 30_000;
  const proc = spawnManaged(FFMPEG, ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', url, '-t', String(seconds), '-f', 'null', '-'], {
    name: 'ffmpeg decode',
  });
  const exit = await proc.waitForExit(timeoutMs);
  if (exit === undefined) {
    await proc.stop(1000);
    return { code: null, stderr: proc.stderr(), timedOut: true };
  }
  return { code: exit.code, stderr: proc.stderr(), timedOut: false };
}

export interface RtmpReceiverOptions {
  port: number;
  /** Path part of the RTMP URL, e.g. "live/s_720p". */
  streamPath: string;
  /** Where the received audio/video is written unchanged, as FLV. */
  outputFile: string;
  maxSec?: number;
}

export interface RtmpReceiver {
  process: FfmpegProcess;
  /** The URL a publisher should push to. */
  url: string;
}

/**
 * ffmpeg as a one-connection RTMP server (-listen 1) that stores what it receives: a reference
 * ingest for checking our publishers, or for differential tests against our origin's ingest.
 * Resolves once the socket is listening.
 */
export async function receiveRtmpToFile(options: RtmpReceiverOptions): Promise<RtmpReceiver> {
  const url = `rtmp://127.0.0.1:${options.port}/${options.streamPath}`;
  const maxSec = options.maxSec ?? 60;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-listen', '1', '-i', url, '-c', 'copy', '-f', 'flv', options.outputFile];
  const proc = runFfmpeg(args, `ffmpeg rtmp receiver ${options.streamPath}`, maxSec);
  try {
    await waitForListening(options.port);
  } catch (error) {
    await proc.stop(1000);
    throw new Error(`${(error as Error).message}; ffmpeg said: ${proc.stderr().trim()}`, { cause: error });
  }
  return { process: proc, url };
}
