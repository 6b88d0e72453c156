/**
 * AVCDecoderConfigurationRecord (ISO 14496-15 §5.3.3.1):
 *   configurationVersion(8)=1 AVCProfileIndication(8) profile_compatibility(8) AVCLevelIndication(8)
 *   reserved(6)=111111 lengthSizeMinusOne(2) reserved(3)=111 numOfSequenceParameterSets(5)
 *   { sequenceParameterSetLength(16) sequenceParameterSetNALUnit }*
 *   numOfPictureParameterSets(8) { pictureParameterSetLength(16) pictureParameterSetNALUnit }*
 *   [high-profile trailer, often missing: tolerated and ignored]
 */
export interface AvcDecoderConfig {
  profile: number;
  compatibility: number;
  level: number;
  lengthSize: number;
  sps: Uint8Array[];
  pps: Uint8Array[];
}

/** Parses an avcC record; throws an Error naming the problem when it is malformed. */
export function parseAvcDecoderConfig(b: Uint8Array): AvcDecoderConfig {
  if (b.length < 7) throw new Error('avcC too short');
  if (b[0] !== 1) throw new Error(`avcC configurationVersion ${b[0]} is not 1`);
  const lengthSize = (b[4] & 3) + 1;
  if (lengthSize === 3) throw new Error('avcC lengthSize 3 is not allowed');
  let pos = 5;
  const readSet = (count: number): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      if (pos + 2 > b.length) throw new Error('avcC parameter set length past end');
      const len = (b[pos] << 8) | b[pos + 1];
      pos += 2;
      if (len === 0 || pos + len > b.length) throw new Error('avcC parameter set past end');
      out.push(b.subarray(pos, pos + len));
      pos += len;
    }
    return out;
  };
  const sps = readSet(b[pos++] & 0x1f);
  if (pos >= b.length) throw new Error('avcC has no PPS count');
  const pps = readSet(b[pos++]);
  if (sps.length === 0) throw new Error('avcC has no SPS');
  if (pps.length === 0) throw new Error('avcC has no PPS');
  return { profile: b[1], compatibility: b[2], level: b[3], lengthSize, sps, pps };
}

/** Builds an avcC record from parameter sets (4-byte NAL lengths). */
export function buildAvcDecoderConfig(sps: Uint8Array[], pps: Uint8Array[]): Uint8Array {
  const size = 7 + sps.reduce((n, s) => n + 2 + s.length, 0) + pps.reduce((n, p) => n + 2 + p.length, 0);
  const out = new Uint8Array(size);
  out.set([1, sps[0][1], sps[0][2], sps[0][3], 0xff, 0xe0 | sps.length]);
  let pos = 6;
  const put = (nal: Uint8Array) => {
    out[pos++] = nal.length >> 8;
    out[pos++] = nal.length & 0xff;
    out.set(nal, pos);
    pos += nal.length;
  };
  sps.forEach(put);
  out[pos++] = pps.length;
  pps.forEach(put);
  return out;
}
