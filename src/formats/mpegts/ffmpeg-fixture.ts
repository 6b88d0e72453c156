import { execFileSync } from 'node:child_process';
import { parseAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import { buildAvcDecoderConfig, parseAvcDecoderConfig } from '../../codecs/h264/avc-decoder-config.js';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';

/**
 * Test support: real H.264 (with B-frames) and AAC access units made by /usr/bin/ffmpeg. It
 * asks for FLV because FLV tags already hold one access unit each, with length-prefixed NAL
 * units, a decode time and a composition offset (Adobe FLV 10.1 §E.4.3) — the shapes our
 * Sample model stores. FLV times are milliseconds, so video times are snapped to the frame grid.
 */
export interface RealMedia {
  video: { config: H264Config; samples: Sample[] };
  audio: { config: AacConfig; samples: Sample[] };
  /** Audio start minus video start, in 90 kHz ticks. */
  audioOffset90k: number;
}

export function encodeRealMedia(options: { seconds: number; fps: number; width: number; height: number }): RealMedia {
  const { seconds, fps, width, height } = options;
  const flv = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`, '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000',
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0', '-bf', '2',
      '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-f', 'flv', '-'],
    { maxBuffer: 64 << 20 },
  );
  const frameOf = (ms: number) => Math.round((ms * fps) / 1000);
  const tick = 90000 / fps;
  let avcC: Uint8Array | undefined;
  let asc: Uint8Array | undefined;
  const frames: { dts: number; pts: number; sync: boolean; data: Uint8Array }[] = [];
  const audio: Sample[] = [];
  let videoStartMs: number | undefined;
  let audioStartMs: number | undefined;
  for (let pos = 9 + 4; pos + 11 <= flv.length; ) {
    const type = flv[pos];
    const size = flv.readUIntBE(pos + 1, 3);
    const ms = flv.readUIntBE(pos + 4, 3) + flv[pos + 7] * 2 ** 24;
    const body = new Uint8Array(flv.subarray(pos + 11, pos + 11 + size));
    pos += 11 + size + 4;
    if (type === 9 && (body[0] & 0x0f) === 7) {
      if (body[1] === 0) avcC = body.subarray(5);
      if (body[1] !== 1) continue;
      const ct = Buffer.from(body).readIntBE(2, 3);
      videoStartMs ??= ms;
      frames.push({ dts: frameOf(ms), pts: frameOf(ms + ct), sync: body[0] >> 4 === 1, data: body.subarray(5) });
    } else if (type === 8 && body[0] >> 4 === 10) {
      if (body[1] === 0) asc = body.subarray(2);
      if (body[1] !== 1) continue;
      audioStartMs ??= ms;
      audio.push({ duration: 1024, compositionOffset: 0, sync: true, data: body.subarray(2) });
    }
  }
  if (!avcC || !asc || videoStartMs === undefined || audioStartMs === undefined) throw new Error('ffmpeg FLV lacks a track');

  const avc = parseAvcDecoderConfig(avcC);
  const video: H264Config = {
    kind: 'h264', avcC: buildAvcDecoderConfig(avc.sps, avc.pps), sps: avc.sps, pps: avc.pps, lengthSize: avc.lengthSize,
    profile: avc.profile, compatibility: avc.compatibility, level: avc.level, width, height, frameRate: fps, sarWidth: 1, sarHeight: 1,
  };
  const a = parseAudioSpecificConfig(asc);
  const aac: AacConfig = { kind: 'aac', asc, objectType: a.objectType, sampleRate: a.sampleRate, channels: a.channels, samplesPerFrame: a.samplesPerFrame };
  const samples: Sample[] = frames.map((f, i) => ({
    duration: ((frames[i + 1]?.dts ?? f.dts + 1) - f.dts) * tick,
    compositionOffset: (f.pts - f.dts) * tick,
    sync: f.sync,
    data: f.data,
  }));
  return { video: { config: video, samples }, audio: { config: aac, samples: audio }, audioOffset90k: (audioStartMs - videoStartMs) * 90 };
}
