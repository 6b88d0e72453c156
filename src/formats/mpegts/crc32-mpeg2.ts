/**
 * CRC_32 of PSI sections (ISO 13818-1 Annex A): polynomial 0x04C11DB7, initial value
 * 0xFFFFFFFF, MSB first, no reflection and no final XOR. A decoder runs the same CRC over the
 * whole section including the CRC field and expects 0.
 */
const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let bit = 0; bit < 8; bit++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
}

/** The MPEG-2 CRC of `data[start, end)` as an unsigned 32-bit number. */
export function crc32Mpeg2(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
  return crc >>> 0;
}
