import { readPcrBase } from './pcr-field.js';
import { readPesTimestamp } from './pes-timestamp.js';
import { TS_PACKET_SIZE, TS_SYNC_BYTE } from './ts-ids.js';

/**
 * A minimal transport stream reader for tests and diagnostics: it checks the packet framing
 * and exposes the header fields the HLS rules care about. It is not a demuxer for ingest.
 */
export interface InspectedPacket {
  index: number;
  pid: number;
  unitStart: boolean;
  continuityCounter: number;
  hasPayload: boolean;
  /** Adaptation field bytes including the length byte; 0 when absent. */
  adaptationBytes: number;
  randomAccess: boolean;
  pcr?: number;
  /** Stuffing bytes (0xFF) after the adaptation field's flags and optional fields. */
  stuffing: number;
  payload: Uint8Array;
}

export interface InspectedPes {
  pid: number;
  streamId: number;
  pts?: number;
  dts?: number;
  /** PES_packet_length as written (0 = unbounded). */
  declaredLength: number;
  randomAccess: boolean;
  /** The elementary stream bytes after the PES header. */
  data: Uint8Array;
}

export function inspectTsPackets(ts: Uint8Array): InspectedPacket[] {
  if (ts.length % TS_PACKET_SIZE !== 0) throw new Error(`TS length ${ts.length} is not a multiple of 188`);
  const packets: InspectedPacket[] = [];
  for (let p = 0, index = 0; p < ts.length; p += TS_PACKET_SIZE, index++) {
    if (ts[p] !== TS_SYNC_BYTE) throw new Error(`packet ${index} has no sync byte`);
    const control = (ts[p + 3] >> 4) & 3;
    let body = p + 4;
    let adaptationBytes = 0;
    let randomAccess = false;
    let pcr: number | undefined;
    let stuffing = 0;
    if (control & 2) {
      adaptationBytes = ts[body] + 1;
      if (adaptationBytes > 1) {
        const flags = ts[body + 1];
        randomAccess = (flags & 0x40) !== 0;
        let q = body + 2;
        if (flags & 0x10) {
          pcr = readPcrBase(ts, q);
          q += 6;
        }
        for (; q < body + adaptationBytes && ts[q] === 0xff; q++) stuffing++;
      }
      body += adaptationBytes;
    }
    const hasPayload = (control & 1) !== 0;
    packets.push({
      index,
      pid: ((ts[p + 1] & 0x1f) << 8) | ts[p + 2],
      unitStart: (ts[p + 1] & 0x40) !== 0,
      continuityCounter: ts[p + 3] & 0x0f,
      hasPayload,
      adaptationBytes,
      randomAccess,
      pcr,
      stuffing,
      payload: hasPayload ? ts.subarray(body, p + TS_PACKET_SIZE) : new Uint8Array(0),
    });
  }
  return packets;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** Reassembles the PES packets of one PID (§2.4.3.6 header fields only). */
export function collectPes(packets: readonly InspectedPacket[], pid: number): InspectedPes[] {
  const out: InspectedPes[] = [];
  let parts: Uint8Array[] = [];
  let randomAccess = false;
  const flush = () => {
    if (parts.length === 0) return;
    const b = concat(parts);
    if (b[0] !== 0 || b[1] !== 0 || b[2] !== 1) throw new Error(`PID ${pid}: PES without start code`);
    const flags = b[7] >> 6;
    const pes: InspectedPes = { pid, streamId: b[3], declaredLength: (b[4] << 8) | b[5], randomAccess, data: b.subarray(9 + b[8]) };
    if (flags & 2) pes.pts = readPesTimestamp(b, 9);
    pes.dts = flags === 3 ? readPesTimestamp(b, 14) : pes.pts;
    out.push(pes);
  };
  for (const p of packets) {
    if (p.pid !== pid || !p.hasPayload) continue;
    if (p.unitStart) {
      flush();
      parts = [];
      randomAccess = p.randomAccess;
    }
    parts.push(p.payload);
  }
  flush();
  return out;
}
