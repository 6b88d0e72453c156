import { execFileSync } from 'node:child_process';
import { splitAnnexB } from './annex-b.js';

/**
 * Test fixtures only: real x264 output made at test time by /usr/bin/ffmpeg, so SPS parsing and
 * packaging are checked against what a real encoder writes rather than hand-made bytes.
 */
export interface H264EncodeOptions {
  width: number;
  height: number;
  /** A number or an ffmpeg rational such as '30000/1001'. */
  fps: number | string;
  frames: number;
  /** Key frame interval in frames; defaults to `frames` (one IDR). */
  gop?: number;
  pixFmt?: string;
  /** Appended to the video filter chain after the test source, e.g. 'setsar=4/3'. */
  filter?: string;
  /** Extra ffmpeg output options placed before `-f h264`. */
  extraArgs?: string[];
}

/** Encodes the lavfi testsrc2 pattern with libx264 (no B-frames) into an Annex B stream. */
export function encodeH264AnnexB(o: H264EncodeOptions): Uint8Array {
  const gop = String(o.gop ?? o.frames);
  const source = `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}` + (o.filter ? `,${o.filter}` : '');
  const args = ['-v', 'error', '-f', 'lavfi', '-i', source, '-frames:v', String(o.frames), '-c:v', 'libx264'];
  args.push('-preset', 'veryfast', '-bf', '0', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0');
  if (o.pixFmt) args.push('-pix_fmt', o.pixFmt);
  args.push(...(o.extraArgs ?? []), '-f', 'h264', '-');
  return new Uint8Array(execFileSync('ffmpeg', args, { maxBuffer: 256 << 20 }));
}

/** The first SPS and PPS NAL units of an Annex B stream. */
export function firstParameterSets(stream: Uint8Array): { sps: Uint8Array; pps: Uint8Array } {
  const nals = splitAnnexB(stream);
  const sps = nals.find((n) => (n[0] & 0x1f) === 7);
  const pps = nals.find((n) => (n[0] & 0x1f) === 8);
  if (!sps || !pps) throw new Error('no SPS/PPS in the encoded stream');
  return { sps, pps };
}
