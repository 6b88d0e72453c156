import { execFileSync } from 'node:child_process';
import type { Sample } from '../../model/sample.js';
import type { Track } from '../../model/track.js';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import { splitAdts } from '../../codecs/aac/adts.js';
import { AAC_SAMPLE_RATES, buildAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import { lengthPrefixNals, splitAnnexB } from '../../codecs/h264/annex-b.js';
import { buildAvcDecoderConfig } from '../../codecs/h264/avc-decoder-config.js';
import { encodeH264AnnexB } from '../../codecs/h264/ffmpeg-h264.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';

/**
 * Real media for tests, made at test time with /usr/bin/ffmpeg: x264 access units (no
 * B-frames, so composition offsets are 0) and native-encoder AAC frames, in the origin's
 * canonical sample form (4-byte length-prefixed NAL units; raw AAC without ADTS).
 */
export interface TestMediaOptions {
  width: number;
  height: number;
  fps: number;
  /** Video frames to encode. */
  frames: number;
  /** Key frame interval in frames (defaults to fps: one IDR a second). */
  gop?: number;
  /** Audio frames of 1024 samples (defaults to the same duration as the video, rounded up). */
  audioFrames?: number;
  sampleRate?: number;
  channels?: number;
}

export interface TestMedia {
  avcC: Uint8Array;
  /** Decode order; durations in 90 kHz ticks. */
  videoSamples: Sample[];
  /** A two-byte AudioSpecificConfig matching the ADTS headers ffmpeg wrote. */
  asc: Uint8Array;
  /** Durations in the sample-rate timescale (1024 each). */
  audioSamples: Sample[];
  videoTrack: Track;
  audioTrack: Track;
}

const VIDEO_TIMESCALE = 90000;
const NAL_SLICE = 1;
const NAL_IDR = 5;
const NAL_SEI = 6;
const PARAMETER_SETS_AND_AUD = new Set([7, 8, 9]);

export function generateTestMedia(o: TestMediaOptions): TestMedia {
  const sampleRate = o.sampleRate ?? 48000;
  const channels = o.channels ?? 2;
  const gop = o.gop ?? o.fps;
  const annexB = encodeH264AnnexB({ width: o.width, height: o.height, fps: o.fps, frames: o.frames, gop });
  const { avcC, units } = accessUnits(annexB);
  const frameDuration = Math.round(VIDEO_TIMESCALE / o.fps);
  const videoSamples = units.map((u) => ({ duration: frameDuration, compositionOffset: 0, sync: u.sync, data: lengthPrefixNals(u.nals) }));

  const audioFrames = o.audioFrames ?? Math.ceil((o.frames / o.fps) * (sampleRate / 1024));
  const seconds = ((audioFrames + 2) * 1024) / sampleRate;
  const adts = execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${sampleRate}`, '-t', seconds.toFixed(3),
    '-ac', String(channels), '-c:a', 'aac', '-f', 'adts', '-',
  ], { maxBuffer: 64 << 20 });
  const frames = splitAdts(new Uint8Array(adts)).slice(0, audioFrames);
  if (frames.length < audioFrames) throw new Error(`ffmpeg produced ${frames.length} AAC frames, wanted ${audioFrames}`);
  const f0 = frames[0];
  const asc = buildAudioSpecificConfig(f0.objectType, AAC_SAMPLE_RATES[f0.frequencyIndex], f0.channelConfiguration);
  const audioSamples = frames.map((f) => ({ duration: 1024, compositionOffset: 0, sync: true, data: f.data.slice() }));

  const group = 'test';
  return {
    avcC,
    videoSamples,
    asc,
    audioSamples,
    videoTrack: { id: 'video', version: 1, type: 'video', codec: h264ConfigFromAvcC(avcC, { frameRate: o.fps }), timescale: VIDEO_TIMESCALE, bitrate: 1_000_000, group },
    audioTrack: { id: 'audio', version: 1, type: 'audio', codec: aacConfigFromAsc(asc), timescale: sampleRate, bitrate: 128_000, group, language: 'en' },
  };
}

/**
 * Groups Annex B NAL units into access units (H.264 §7.4.1.2.3): a new one starts at an AUD,
 * SPS, PPS or SEI after a picture's slices, or at a slice with first_mb_in_slice = 0 (its first
 * ue(v) bit is 1). Parameter sets and AUDs go to the avcC, not the samples (avc1).
 */
function accessUnits(stream: Uint8Array): { avcC: Uint8Array; units: { sync: boolean; nals: Uint8Array[] }[] } {
  const sps: Uint8Array[] = [];
  const pps: Uint8Array[] = [];
  const units: { sync: boolean; nals: Uint8Array[] }[] = [];
  let current: { sync: boolean; nals: Uint8Array[] } | undefined;
  let hasPicture = false;
  for (const nal of splitAnnexB(stream)) {
    const type = nal[0] & 0x1f;
    const vcl = type === NAL_SLICE || type === NAL_IDR;
    const startsUnit = vcl ? (nal[1] & 0x80) !== 0 : PARAMETER_SETS_AND_AUD.has(type) || type === NAL_SEI;
    if (!current || (hasPicture && startsUnit)) {
      current = { sync: false, nals: [] };
      units.push(current);
      hasPicture = false;
    }
    if (type === 7 && sps.length === 0) sps.push(nal);
    if (type === 8 && pps.length === 0) pps.push(nal);
    if (PARAMETER_SETS_AND_AUD.has(type)) continue;
    current.nals.push(nal);
    if (vcl) hasPicture = true;
    if (type === NAL_IDR) current.sync = true;
  }
  if (sps.length === 0 || pps.length === 0) throw new Error('no SPS/PPS in the x264 output');
  return { avcC: buildAvcDecoderConfig(sps, pps), units: units.filter((u) => u.nals.length > 0) };
}
