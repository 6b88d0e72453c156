/**
 * Hand-built Presentations for the manifest golden tests: a 3-rung H.264 ladder at 90 kHz with
 * 2 s fragments and three AAC tracks at 48 kHz, sequences 10..14, plus ended, discontinuity and
 * audio-only variants. Byte lengths are chosen so that video_720 overshoots its nominal rate
 * once (measured peak beats nominal × 1.1) while the other tracks stay below it.
 */
import type { AacConfig, Av1Config, H264Config, H265Config } from '../../src/model/codec.js';
import type { Presentation, PresentationTrack } from '../../src/model/presentation.js';
import { rescale } from '../../src/model/time.js';
import type { TimelineEntry } from '../../src/model/timeline.js';
import type { Track } from '../../src/model/track.js';

export const AST = Date.UTC(2025, 0, 1, 12, 0, 0);
const TARGET_MS = 2000;
const VIDEO_TICKS = 180000;
const FIRST_SEQUENCE = 10;

interface VideoSpec {
  id: string;
  bitrate: number;
  width: number;
  height: number;
  profile: number;
  compatibility: number;
  level: number;
  frameRate?: number;
}

function h264(s: VideoSpec): H264Config {
  const { width, height, profile, compatibility, level, frameRate } = s;
  const avcC = Uint8Array.of(1, profile, compatibility, level, 0xff, 0xe1);
  return { kind: 'h264', avcC, sps: [], pps: [], lengthSize: 4, profile, compatibility, level, width, height, frameRate, sarWidth: 1, sarHeight: 1 };
}

function aac(objectType: number, channels: number): AacConfig {
  return { kind: 'aac', asc: Uint8Array.of(0x11, 0x90), objectType, sampleRate: 48000, channels, samplesPerFrame: 1024 };
}

const VIDEO: VideoSpec[] = [
  { id: 'video_720', bitrate: 3000000, width: 1280, height: 720, profile: 100, compatibility: 0, level: 31, frameRate: 30 },
  { id: 'video_480', bitrate: 1500000, width: 854, height: 480, profile: 77, compatibility: 0x40, level: 30, frameRate: 29.97 },
  { id: 'video_360', bitrate: 800000, width: 640, height: 360, profile: 66, compatibility: 0xc0, level: 30 },
];

interface TrackOptions {
  track: Track;
  durations: number[];
  bytes: (i: number) => number;
  /** Index of the entry that starts a new encoder session, with its time jump in ticks. */
  discontinuityAt?: { index: number; jump: bigint; newVersion: boolean };
  discontinuitySequence?: number;
}

function presentationTrack(o: TrackOptions): PresentationTrack {
  const entries: TimelineEntry[] = [];
  let t = BigInt(FIRST_SEQUENCE) * BigInt(o.durations[0]);
  let version = o.track.version;
  const versions = new Map<number, Track>([[version, o.track]]);
  o.durations.forEach((duration, i) => {
    const cut = o.discontinuityAt?.index === i;
    if (cut) {
      t += o.discontinuityAt!.jump;
      if (o.discontinuityAt!.newVersion) versions.set(++version, { ...o.track, version });
    }
    entries.push({ decodeTime: t, duration, sequence: FIRST_SEQUENCE + i, trackVersion: version, discontinuity: cut, byteLength: o.bytes(i) });
    t += BigInt(duration);
  });
  return { track: versions.get(version)!, versions, entries, discontinuitySequence: o.discontinuitySequence ?? 0 };
}

function videoTracks(extra: Partial<TrackOptions> = {}): PresentationTrack[] {
  return VIDEO.map((s, n) => {
    const track: Track = { id: s.id, version: 0, type: 'video', codec: h264(s), timescale: 90000, bitrate: s.bitrate, group: `src${n}`, language: undefined };
    const perSegment = s.bitrate / 4; // bytes in 2 s at the nominal rate
    const bytes = (i: number) => (n === 0 && i === 2 ? 900000 : Math.round(perSegment * (0.9 + 0.02 * i)));
    return presentationTrack({ track, durations: Array(5).fill(VIDEO_TICKS), bytes, ...extra });
  });
}

/** audio_720 shows real AAC framing: 93 and 94 frames of 1024 samples around a 2 s cut. */
function audioTracks(extra: Partial<TrackOptions> = {}): PresentationTrack[] {
  const specs = [
    { id: 'audio_720', bitrate: 128000, codec: aac(2, 2), language: 'en', durations: [96000, 95232, 96256, 96000, 96000] },
    { id: 'audio_480', bitrate: 96000, codec: aac(2, 2), language: 'en', durations: Array(5).fill(96000) },
    { id: 'audio_360', bitrate: 64000, codec: aac(5, 1), language: undefined, durations: Array(5).fill(96000) },
  ];
  return specs.map((s, n) => {
    const track: Track = { id: s.id, version: 0, type: 'audio', codec: s.codec, timescale: 48000, bitrate: s.bitrate, group: `src${n}`, language: s.language };
    const bytes = (i: number) => Math.round((s.bitrate / 4) * (0.95 + 0.01 * i));
    return presentationTrack({ track, durations: s.durations, bytes, ...extra });
  });
}

/** The snapshot is taken half a second after the first track's last fragment completed. */
function base(tracks: PresentationTrack[]): Presentation {
  const { track, entries } = tracks[0];
  const last = entries[entries.length - 1];
  const snapshotTime = AST + Number(rescale(last.decodeTime + BigInt(last.duration), track.timescale, 1000)) + 500;
  return { availabilityStartTime: AST, targetSegmentMs: TARGET_MS, dvrWindowMs: 60000, ended: false, snapshotTime, version: 7, tracks };
}

/** Live, 60 s DVR window, five segments listed. */
export function livePresentation(): Presentation {
  return base([...videoTracks(), ...audioTracks()]);
}

/** The same content after the program stopped; `dvrWindowMs` undefined means nothing slid out. */
export function endedPresentation(dvrWindowMs?: number): Presentation {
  return { ...livePresentation(), ended: true, dvrWindowMs, snapshotTime: AST + 60000, version: 8 };
}

/**
 * An encoder re-publish at sequence 12: timestamps jump 10 s, every track is flagged
 * discontinuous, video gets a new SPS (track version 1, unless `newVideoVersion` is false)
 * while the audio config is unchanged. Two older discontinuities already slid out of the window.
 */
export function discontinuityPresentation(newVideoVersion = true): Presentation {
  const at = (jump: bigint, newVersion: boolean) => ({ discontinuityAt: { index: 2, jump, newVersion }, discontinuitySequence: 2 });
  return base([...videoTracks(at(900000n, newVideoVersion)), ...audioTracks(at(480000n, false))]);
}

/**
 * HEVC Main 10, High tier, level 4.1 at 1080p, as an hvc1 track (a Smooth ingest of libx265),
 * with stand-in parameter sets: 2-byte NAL headers for VPS (type 32), SPS (33) and PPS (34).
 */
function h265(): H265Config {
  const vps = Uint8Array.of(0x40, 0x01, 0x0c);
  const sps = Uint8Array.of(0x42, 0x01, 0x01);
  const pps = Uint8Array.of(0x44, 0x01, 0xc0);
  const hvcC = Uint8Array.of(1, 0x22, 0x20, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 123);
  const constraintFlags = Uint8Array.of(0x90, 0, 0, 0, 0, 0);
  return {
    kind: 'h265', hvcC, vps: [vps], sps: [sps], pps: [pps], lengthSize: 4,
    profileSpace: 0, tierFlag: 1, profileIdc: 2, compatibilityFlags: 0x20000000, constraintFlags, levelIdc: 123,
    width: 1920, height: 1080, frameRate: 25, sarWidth: 1, sarHeight: 1,
  };
}

/** The live ladder with an HEVC 1080p rung on top (its own source group, no audio of its own). */
export function hevcPresentation(): Presentation {
  const track: Track = { id: 'video_1080', version: 0, type: 'video', codec: h265(), timescale: 90000, bitrate: 4500000, group: 'src9', language: undefined };
  const hevc = presentationTrack({ track, durations: Array(5).fill(VIDEO_TICKS), bytes: () => 1000000 });
  return base([...videoTracks(), hevc, ...audioTracks()]);
}

/**
 * AV1 Main profile, level 4.0 (seq_level_idx 8), Main tier, 10-bit, 4:2:0, at 1080p: av1C fixed
 * fields with no configOBUs (the size as a container would give it).
 */
function av1(): Av1Config {
  return {
    kind: 'av1', av1C: Uint8Array.of(0x81, 0x08, 0x4c, 0x00), seqProfile: 0, seqLevelIdx0: 8, seqTier0: 0, bitDepth: 10,
    monochrome: false, chromaSubsamplingX: 1, chromaSubsamplingY: 1, chromaSamplePosition: 0,
    width: 1920, height: 1080, frameRate: 25, sarWidth: 1, sarHeight: 1,
  };
}

/** The live ladder with an AV1 1080p rung on top (its own source group, no audio of its own). */
export function av1Presentation(): Presentation {
  const track: Track = { id: 'video_av1', version: 0, type: 'video', codec: av1(), timescale: 90000, bitrate: 2500000, group: 'src8', language: undefined };
  const rung = presentationTrack({ track, durations: Array(5).fill(VIDEO_TICKS), bytes: () => 700000 });
  return base([...videoTracks(), rung, ...audioTracks()]);
}

/** A radio-style channel: no video track. */
export function audioOnlyPresentation(): Presentation {
  const audio = audioTracks();
  return base([audio[0], audio[2]]);
}

/** The live presentation one segment later: sequence 10 slid out, 15 appended. */
export function slidPresentation(p: Presentation): Presentation {
  const tracks = p.tracks.map((pt) => {
    const last = pt.entries[pt.entries.length - 1];
    const next: TimelineEntry = { ...last, decodeTime: last.decodeTime + BigInt(last.duration), sequence: last.sequence + 1, discontinuity: false };
    return { ...pt, entries: [...pt.entries.slice(1), next] };
  });
  return { ...p, tracks, snapshotTime: p.snapshotTime + TARGET_MS, version: p.version + 1 };
}
