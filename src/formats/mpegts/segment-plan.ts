import { audioUnits, type AudioUnit } from './audio-units.js';
import { pesHeaderLength } from './pes-header.js';
import type { TsSegmentInput } from './ts-segment-input.js';
import { AUDIO_PID, VIDEO_PID } from './ts-ids.js';
import { unitPacketCount } from './ts-packet-writer.js';
import { videoUnits, type VideoUnit } from './video-units.js';

/** ISO 13818-1 §2.7.2 allows up to 100 ms between PCRs; Apple and DVB ask for the same. */
export const PCR_MAX_INTERVAL = 9000;
/**
 * A gap longer than this between PES is not a sparse stream but misaligned tracks or a time
 * jump; bridging it with one packet per 100 ms would blow the segment up, so the PCR jumps.
 */
const MAX_BRIDGED_GAP = 10 * 90000;

export type PlanStep =
  /** An adaptation-field-only packet on the PCR PID, to bridge a long gap between PCRs. */
  | { kind: 'pcr'; pcr: number }
  | { kind: 'pes'; unit: VideoUnit | AudioUnit; pid: number; headerLength: number; pcr?: number; randomAccess: boolean };

/** Everything muxTsSegment decides before writing, so the output is allocated exactly once. */
export interface SegmentPlan {
  pcrPid: number;
  steps: PlanStep[];
  /** Packets after the PAT and PMT. */
  packetCount: number;
}

/** Video and audio PES in decode order, both compared at 90 kHz; video first on a tie. */
function interleave(video: VideoUnit[], audio: AudioUnit[]): (VideoUnit | AudioUnit)[] {
  const out: (VideoUnit | AudioUnit)[] = [];
  let i = 0;
  let j = 0;
  while (i < video.length || j < audio.length) {
    if (j >= audio.length || (i < video.length && video[i].dts <= audio[j].dts)) out.push(video[i++]);
    else out.push(audio[j++]);
  }
  return out;
}

/**
 * Orders the PES and schedules PCRs. The PCR is taken from the DTS of the PES it travels
 * with, so PCR ≤ DTS ≤ PTS holds for everything after it. The PES of the PCR PID carry one in
 * their first packet; before any other PES, a PCR-only packet is added whenever the last PCR
 * is more than 100 ms behind (or none was sent yet), stepping by 100 ms so that the values stay
 * monotonic and never pass the next DTS. Past MAX_BRIDGED_GAP the PCR simply jumps.
 */
export function planSegment(input: TsSegmentInput): SegmentPlan {
  const video = input.video ? videoUnits(input.video) : [];
  const audio = input.audio ? audioUnits(input.audio) : [];
  const pcrPid = input.video ? VIDEO_PID : AUDIO_PID;
  const steps: PlanStep[] = [];
  let packetCount = 0;
  let lastPcr: number | undefined;
  for (const unit of interleave(video, audio)) {
    const pid = unit.kind === 'video' ? VIDEO_PID : AUDIO_PID;
    const carriesPcr = pid === pcrPid;
    if (lastPcr === undefined || unit.dts - lastPcr > MAX_BRIDGED_GAP) {
      if (!carriesPcr) {
        steps.push({ kind: 'pcr', pcr: unit.dts });
        packetCount++;
      }
      lastPcr = unit.dts;
    }
    while (unit.dts - lastPcr > PCR_MAX_INTERVAL) {
      lastPcr += PCR_MAX_INTERVAL;
      steps.push({ kind: 'pcr', pcr: lastPcr });
      packetCount++;
    }
    if (carriesPcr) lastPcr = unit.dts;
    const headerLength = unit.kind === 'video' ? pesHeaderLength(unit.pts, unit.dts) : pesHeaderLength(unit.dts, unit.dts);
    const payload = unit.kind === 'video' ? unit.annexB.length : unit.length;
    // Every AAC frame is a sync sample, so each audio PES is a random access point too.
    const randomAccess = unit.kind === 'video' ? unit.annexB.key : true;
    const pcr = carriesPcr ? unit.dts : undefined;
    steps.push({ kind: 'pes', unit, pid, headerLength, pcr, randomAccess });
    packetCount += unitPacketCount({ length: headerLength + payload, pcr, randomAccess });
  }
  return { pcrPid, steps, packetCount };
}
