// Live HLS and DASH written by ffmpeg's own muxers into a directory, for proving the players
// harness (and for differential tests against our origin) without depending on our server.
// Serve the directory with startStaticServer; the playlists/MPD are rewritten every segment.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aacArgs, largest, liveTestSourceArgs, splitScaleFilter, x264Args, type RenditionSpec } from './ffmpeg-args.js';
import { runFfmpeg, type FfmpegProcess } from './ffmpeg.js';

/** Cheap two-rung ladder for reference content: enough to exercise ABR switching. */
export const SMALL_LADDER: readonly RenditionSpec[] = [
  { name: '360p', width: 640, height: 360, videoKbps: 400, audioKbps: 64 },
  { name: '180p', width: 320, height: 180, videoKbps: 150, audioKbps: 64 },
];

export interface ReferenceLiveOptions {
  /** Output directory; created if missing. */
  dir: string;
  durationSec: number;
  renditions?: readonly RenditionSpec[];
}

export interface ReferenceLive {
  process: FfmpegProcess;
  /** Path of the entry document relative to dir ("master.m3u8" or "manifest.mpd"). */
  entry: string;
}

function encodeArgs(renditions: readonly RenditionSpec[], durationSec: number, audioCopies: number): string[] {
  const top = largest(renditions);
  const videoMaps = renditions.flatMap((_, i) => ['-map', `[v${i}]`]);
  const audioMaps = Array.from({ length: audioCopies }, () => ['-map', '1:a']).flat();
  return [
    ...liveTestSourceArgs({ width: top.width, height: top.height, durationSec }),
    '-filter_complex', splitScaleFilter(renditions),
    ...videoMaps, ...audioMaps,
    ...renditions.flatMap((r, i) => x264Args(r, `:${i}`)),
    ...aacArgs(renditions[0].audioKbps),
  ];
}

export interface ReferenceHlsOptions extends ReferenceLiveOptions {
  segmentType: 'mpegts' | 'fmp4';
}

/** Sliding-window live HLS: 2 s segments, 6 in the playlist, one media playlist per rendition. */
export function writeReferenceLiveHls(options: ReferenceHlsOptions): ReferenceLive {
  const renditions = options.renditions ?? SMALL_LADDER;
  const extension = options.segmentType === 'fmp4' ? 'm4s' : 'ts';
  for (const r of renditions) mkdirSync(join(options.dir, r.name), { recursive: true });
  // hls.js and Shaka need an audio stream beside each video stream in a variant, hence one audio copy each.
  const streamMap = renditions.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' ');
  const fmp4 = options.segmentType === 'fmp4' ? ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'] : [];
  const args = [
    ...encodeArgs(renditions, options.durationSec, renditions.length),
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '6',
    // temp_file: playlists and segments appear by rename, so the HTTP server never serves half a file.
    '-hls_flags', 'delete_segments+temp_file+independent_segments+program_date_time',
    ...fmp4,
    '-master_pl_name', 'master.m3u8',
    '-var_stream_map', streamMap,
    '-hls_segment_filename', join(options.dir, '%v', `seg_%05d.${extension}`),
    join(options.dir, '%v', 'index.m3u8'),
  ];
  return { process: runFfmpeg(args, `ffmpeg reference hls ${options.segmentType}`, options.durationSec), entry: 'master.m3u8' };
}

export interface ReferenceDashOptions extends ReferenceLiveOptions {
  /** Written into the MPD as UTCTiming (http-xsdate), e.g. http://127.0.0.1:PORT/time. */
  utcTimingUrl: string;
}

/** Dynamic MPD with SegmentTimeline + $Number$ templates, 2 s segments, a 6-segment window. */
export function writeReferenceLiveDash(options: ReferenceDashOptions): ReferenceLive {
  const renditions = options.renditions ?? SMALL_LADDER;
  mkdirSync(options.dir, { recursive: true });
  const args = [
    ...encodeArgs(renditions, options.durationSec, 1),
    '-f', 'dash', '-seg_duration', '2', '-window_size', '6', '-extra_window_size', '4',
    '-use_timeline', '1', '-use_template', '1', '-streaming', '0', '-ldash', '0',
    '-utc_timing_url', options.utcTimingUrl,
    '-adaptation_sets', 'id=0,streams=v id=1,streams=a',
    '-init_seg_name', 'init-$RepresentationID$.m4s',
    '-media_seg_name', 'chunk-$RepresentationID$-$Number%05d$.m4s',
    join(options.dir, 'manifest.mpd'),
  ];
  return { process: runFfmpeg(args, 'ffmpeg reference dash', options.durationSec), entry: 'manifest.mpd' };
}
