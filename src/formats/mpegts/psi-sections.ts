import { crc32Mpeg2 } from './crc32-mpeg2.js';
import { PMT_PID, PROGRAM_NUMBER, TRANSPORT_STREAM_ID } from './ts-ids.js';

/** One elementary stream entry of the PMT loop. */
export interface PmtStream {
  streamType: number;
  pid: number;
}

/**
 * Writes the long-form section wrapper shared by the PAT and PMT (ISO 13818-1 §2.4.4.3,
 * §2.4.4.8): table_id, section_syntax_indicator=1, '0', reserved '11', section_length, the
 * 16-bit table id extension, reserved '11', version_number 0, current_next_indicator 1,
 * section_number 0, last_section_number 0, the table body, then CRC_32.
 * Every segment repeats the same tables, so the version never changes.
 */
function longSection(tableId: number, extension: number, body: readonly number[]): Uint8Array {
  const sectionLength = 5 + body.length + 4;
  const out = new Uint8Array(3 + sectionLength);
  out.set([tableId, 0xb0 | (sectionLength >> 8), sectionLength & 0xff, extension >> 8, extension & 0xff, 0xc1, 0, 0]);
  out.set(body, 8);
  const crc = crc32Mpeg2(out, 0, out.length - 4);
  out.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], out.length - 4);
  return out;
}

const pid13 = (prefix: number, pid: number): number[] => [prefix | (pid >> 8), pid & 0xff];

/** Program association table (§2.4.4.3): program 1 → the PMT PID. */
export function buildPatSection(): Uint8Array {
  return longSection(0x00, TRANSPORT_STREAM_ID, [PROGRAM_NUMBER >> 8, PROGRAM_NUMBER & 0xff, ...pid13(0xe0, PMT_PID)]);
}

/**
 * Program map table (§2.4.4.8): reserved '111' + PCR_PID, reserved '1111' +
 * program_info_length 0, then per stream: stream_type, '111' + elementary_PID,
 * '1111' + ES_info_length 0. No descriptors: HLS clients need none for H.264 and ADTS AAC.
 */
export function buildPmtSection(pcrPid: number, streams: readonly PmtStream[]): Uint8Array {
  const body = [...pid13(0xe0, pcrPid), 0xf0, 0x00];
  for (const s of streams) body.push(s.streamType, ...pid13(0xe0, s.pid), 0xf0, 0x00);
  return longSection(0x02, PROGRAM_NUMBER, body);
}
