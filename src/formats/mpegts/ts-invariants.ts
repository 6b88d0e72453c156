import { collectPes, inspectTsPackets, type InspectedPacket, type InspectedPes } from './ts-inspector.js';
import { readPesTimestamp } from './pes-timestamp.js';
import { PAT_PID, PMT_PID, TIMESTAMP_WRAP } from './ts-ids.js';

/** What checkTsSegment found: the parsed packets and PES, and every rule that was broken. */
export interface TsSegmentReport {
  packets: InspectedPacket[];
  pesByPid: Map<number, InspectedPes[]>;
  pcrPid: number;
  violations: string[];
}

/** Forward distance a → b on the 33-bit clock, so that checks survive the wrap. */
const ahead = (a: number, b: number) => (((b - a) % TIMESTAMP_WRAP) + TIMESTAMP_WRAP) % TIMESTAMP_WRAP;
/** Distances above half the clock range mean "behind". */
const HALF = TIMESTAMP_WRAP / 2;

/**
 * Checks the HLS rules for a TS segment (formats.md §3.4; ISO 13818-1 §2.4.3): PAT then PMT
 * first, continuity counters per PID advancing only with payload, PCRs on the PMT's PCR PID at
 * most 100 ms apart and never after the DTS of a PES that follows, PTS ≥ DTS, and no payload
 * padding (a bounded PES ends exactly where its length says). For tests and diagnostics.
 */
export function checkTsSegment(ts: Uint8Array): TsSegmentReport {
  const violations: string[] = [];
  const packets = inspectTsPackets(ts);
  if (packets[0]?.pid !== PAT_PID) violations.push('first packet is not the PAT');
  if (packets[1]?.pid !== PMT_PID) violations.push('second packet is not the PMT');
  const pmt = packets[1]?.payload ?? new Uint8Array(0);
  const pcrPid = ((pmt[9] & 0x1f) << 8) | pmt[10];

  const lastCc = new Map<number, number>();
  let lastPcr: number | undefined;
  for (const p of packets) {
    const prev = lastCc.get(p.pid);
    const expected = prev === undefined ? p.continuityCounter : p.hasPayload ? (prev + 1) & 15 : prev;
    if (p.continuityCounter !== expected) violations.push(`packet ${p.index} PID ${p.pid}: CC ${p.continuityCounter}, expected ${expected}`);
    lastCc.set(p.pid, p.continuityCounter);
    if (p.adaptationBytes + p.payload.length !== 184 && p.hasPayload) violations.push(`packet ${p.index}: bad sizes`);
    if (p.pcr === undefined) continue;
    if (p.pid !== pcrPid) violations.push(`packet ${p.index}: PCR on PID ${p.pid}, PCR PID is ${pcrPid}`);
    if (lastPcr !== undefined && ahead(lastPcr, p.pcr) > 9000) violations.push(`packet ${p.index}: PCR gap ${ahead(lastPcr, p.pcr)} ticks`);
    lastPcr = p.pcr;
  }

  const pesByPid = new Map<number, InspectedPes[]>();
  for (const pid of new Set(packets.map((p) => p.pid))) {
    if (pid === PAT_PID || pid === PMT_PID) continue;
    pesByPid.set(pid, collectPes(packets, pid));
  }
  for (const [pid, list] of pesByPid) {
    list.forEach((pes, i) => {
      if (pes.pts === undefined || pes.dts === undefined) return violations.push(`PID ${pid} PES ${i}: no PTS`);
      if (ahead(pes.dts, pes.pts) >= HALF) violations.push(`PID ${pid} PES ${i}: PTS ${pes.pts} < DTS ${pes.dts}`);
      if (pes.declaredLength !== 0 && pes.declaredLength !== pes.data.length + 3 + (pes.dts === pes.pts ? 5 : 10)) {
        violations.push(`PID ${pid} PES ${i}: length field ${pes.declaredLength} disagrees with ${pes.data.length} data bytes`);
      }
    });
  }
  checkPcrBeforeDts(packets, violations);
  return { packets, pesByPid, pcrPid, violations };
}

/** Every PES must start at or after the PCR most recently sent (T-STD: no decode before arrival). */
function checkPcrBeforeDts(packets: readonly InspectedPacket[], violations: string[]): void {
  let pcr: number | undefined;
  for (const p of packets) {
    if (p.pcr !== undefined) pcr = p.pcr;
    if (!p.unitStart || p.pid === PAT_PID || p.pid === PMT_PID) continue;
    if (pcr === undefined) {
      violations.push(`packet ${p.index}: PES before any PCR`);
      continue;
    }
    const b = p.payload;
    const hasDts = b[7] >> 6 === 3;
    const dtsAt = hasDts ? 14 : 9;
    const dts = readPesTimestamp(b, dtsAt);
    if (ahead(pcr, dts) >= HALF) violations.push(`packet ${p.index}: DTS ${dts} before PCR ${pcr}`);
  }
}
