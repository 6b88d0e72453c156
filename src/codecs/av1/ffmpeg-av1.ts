import { execFileSync } from 'node:child_process';

/**
 * Test fixtures only: real libsvtav1 output made at test time by /usr/bin/ffmpeg, so the av1C
 * parser, codec string and packagers are checked against what a real encoder writes.
 */
export interface Av1EncodeOptions {
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Key frame interval in frames (one fragment per key frame). */
  gop: number;
  pixFmt?: string;
}

/**
 * Encodes the lavfi testsrc2 pattern with libsvtav1 (preset 12, the fastest) into a fragmented
 * MP4: an `av01` sample entry whose av1C holds the sequence header, samples that are temporal
 * units without temporal delimiters (AV1-ISOBMFF §2.4), one moof per key frame.
 */
export function encodeAv1FragmentedMp4(o: Av1EncodeOptions): Uint8Array {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}`, '-frames:v', String(o.frames)];
  args.push('-c:v', 'libsvtav1', '-preset', '12', '-g', String(o.gop));
  if (o.pixFmt) args.push('-pix_fmt', o.pixFmt);
  args.push('-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', '-');
  // SVT_LOG=1: errors only (the library prints its banner on stderr otherwise).
  return new Uint8Array(execFileSync('ffmpeg', args, { maxBuffer: 256 << 20, env: { ...process.env, SVT_LOG: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }));
}
