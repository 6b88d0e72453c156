import type { ByteSink } from './byte-sink.js';
import { writePcrField } from './pcr-field.js';
import { TS_PACKET_BODY, TS_PACKET_SIZE, TS_SYNC_BYTE } from './ts-ids.js';

/** What the first packet of a payload unit (a PES packet) signals in its adaptation field. */
export interface UnitStart {
  pid: number;
  /** Total bytes of the unit (PES header + data). */
  length: number;
  /** PCR base at 90 kHz, for packets on the PCR PID. */
  pcr?: number;
  /** random_access_indicator: the unit starts an IDR / a sync audio frame (§2.4.3.5). */
  randomAccess?: boolean;
}

const FLAG_RANDOM_ACCESS = 0x40;
const FLAG_PCR = 0x10;

/** Adaptation field bytes (length byte included) the first packet needs before any stuffing. */
function firstAdaptationBytes(start: Omit<UnitStart, 'pid' | 'length'>): number {
  if (start.pcr !== undefined) return 8; // length, flags, 6-byte PCR
  return start.randomAccess ? 2 : 0;
}

/** Number of 188-byte packets writing this unit takes; stuffing never adds a packet. */
export function unitPacketCount(start: Omit<UnitStart, 'pid'>): number {
  const firstCapacity = TS_PACKET_BODY - firstAdaptationBytes(start);
  if (start.length <= firstCapacity) return 1;
  return 1 + Math.ceil((start.length - firstCapacity) / TS_PACKET_BODY);
}

/**
 * Writes transport packets (ISO 13818-1 §2.4.3.2) into a buffer sized in advance. It keeps a
 * continuity_counter per PID that advances only on packets carrying payload, splits a unit
 * across packets as bytes arrive, and pads the unit's last packet with adaptation-field
 * stuffing (0xFF after the flags) because payload padding would corrupt the PES.
 */
export class TsPacketWriter implements ByteSink {
  pos = 0;
  private readonly counters = new Uint8Array(0x2000);
  private pid = 0;
  private packetLeft = 0;
  private unitLeft = 0;

  constructor(readonly out: Uint8Array) {}

  private header(pid: number, unitStart: boolean, adaptationControl: number, cc: number): void {
    const o = this.out;
    const p = this.pos;
    o[p] = TS_SYNC_BYTE;
    o[p + 1] = (unitStart ? 0x40 : 0) | (pid >> 8);
    o[p + 2] = pid & 0xff;
    o[p + 3] = (adaptationControl << 4) | cc;
    this.pos = p + 4;
  }

  private nextCounter(pid: number): number {
    const cc = this.counters[pid];
    this.counters[pid] = (cc + 1) & 0x0f;
    return cc;
  }

  /** Adaptation field of `total` bytes including its length byte (§2.4.3.4). */
  private adaptation(total: number, flags: number, pcr: number | undefined): void {
    const o = this.out;
    const p = this.pos;
    o[p] = total - 1;
    if (total > 1) {
      o[p + 1] = flags;
      let q = p + 2;
      if (pcr !== undefined) {
        writePcrField(o, q, pcr);
        q += 6;
      }
      o.fill(0xff, q, p + total);
    }
    this.pos = p + total;
  }

  /** One section in one packet: PUSI set, pointer_field 0, the rest 0xFF (§2.4.4.2). */
  writePsiPacket(pid: number, section: Uint8Array): void {
    if (section.length > TS_PACKET_BODY - 1) throw new RangeError('PSI section does not fit one packet');
    const end = this.pos + TS_PACKET_SIZE;
    this.header(pid, true, 0b01, this.nextCounter(pid));
    this.out[this.pos++] = 0;
    this.out.set(section, this.pos);
    this.out.fill(0xff, this.pos + section.length, end);
    this.pos = end;
  }

  /**
   * A packet with only an adaptation field carrying a PCR. Such a packet has no payload, so it
   * repeats the PID's last continuity_counter instead of advancing it (§2.4.3.3).
   */
  writePcrPacket(pid: number, pcr: number): void {
    this.header(pid, false, 0b10, (this.counters[pid] + 15) & 0x0f);
    this.adaptation(TS_PACKET_BODY, FLAG_PCR, pcr);
  }

  /** Opens the first packet of a unit; its bytes then follow through writeBytes. */
  beginUnit(start: UnitStart): void {
    if (this.unitLeft !== 0) throw new Error('previous TS unit not finished');
    this.pid = start.pid;
    this.unitLeft = start.length;
    this.openPacket(true, start);
  }

  private openPacket(unitStart: boolean, start?: UnitStart): void {
    const minimum = start ? firstAdaptationBytes(start) : 0;
    const payload = Math.min(TS_PACKET_BODY - minimum, this.unitLeft);
    const adaptationBytes = TS_PACKET_BODY - payload;
    this.header(this.pid, unitStart, adaptationBytes > 0 ? 0b11 : 0b01, this.nextCounter(this.pid));
    if (adaptationBytes > 0) {
      const flags = (start?.randomAccess ? FLAG_RANDOM_ACCESS : 0) | (start?.pcr !== undefined ? FLAG_PCR : 0);
      this.adaptation(adaptationBytes, flags, start?.pcr);
    }
    this.packetLeft = payload;
  }

  writeBytes(src: Uint8Array, start: number, end: number): void {
    if (end - start > this.unitLeft) throw new Error('TS unit longer than announced');
    while (start < end) {
      if (this.packetLeft === 0) this.openPacket(false);
      const n = Math.min(this.packetLeft, end - start);
      this.out.set(start === 0 && n === src.length ? src : src.subarray(start, start + n), this.pos);
      this.pos += n;
      this.packetLeft -= n;
      this.unitLeft -= n;
      start += n;
    }
  }
}
