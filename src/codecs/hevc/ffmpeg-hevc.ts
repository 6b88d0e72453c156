import { execFileSync } from 'node:child_process';

/**
 * Test fixtures only: real libx265 output made at test time by /usr/bin/ffmpeg, so the hvcC
 * parser, codec string and packagers are checked against what a real encoder writes.
 */
export interface HevcEncodeOptions {
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Extra x265 parameters (`-x265-params`), e.g. 'profile=main10' is set with pixFmt instead. */
  x265Params?: string;
  pixFmt?: string;
}

/**
 * Encodes the lavfi testsrc2 pattern with libx265 into a fragmented MP4 (`hvc1` sample entry,
 * one moof per key frame; `-g` equals `frames`, so a single fragment by default).
 */
export function encodeHevcFragmentedMp4(o: HevcEncodeOptions): Uint8Array {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}`, '-frames:v', String(o.frames)];
  args.push('-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', ['log-level=error', o.x265Params].filter(Boolean).join(':'));
  if (o.pixFmt) args.push('-pix_fmt', o.pixFmt);
  args.push('-tag:v', 'hvc1', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', '-');
  return new Uint8Array(execFileSync('ffmpeg', args, { maxBuffer: 256 << 20 }));
}
