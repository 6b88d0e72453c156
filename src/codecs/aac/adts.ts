import { TributaryError } from '../../util/errors.js';

/** One ADTS frame's header fields (ISO 14496-3 §1.A.2.2) and its raw access unit. */
export interface AdtsFrame {
  /** Audio object type (ADTS profile + 1). */
  objectType: number;
  frequencyIndex: number;
  channelConfiguration: number;
  /** The raw AAC access unit, a view into the input. */
  data: Uint8Array;
}

/**
 * Splits an ADTS stream into raw access units. Handles headers with and without CRC
 * (protection_absent = 0 adds 2 bytes); frames with several raw data blocks are rejected.
 */
export function splitAdts(stream: Uint8Array): AdtsFrame[] {
  const frames: AdtsFrame[] = [];
  let pos = 0;
  while (pos < stream.length) {
    if (pos + 7 > stream.length) throw new TributaryError('ERR_MEDIA', `ADTS: truncated header at offset ${pos}`);
    const b = stream.subarray(pos, pos + 7);
    if (b[0] !== 0xff || (b[1] & 0xf6) !== 0xf0) throw new TributaryError('ERR_MEDIA', `ADTS: no syncword at offset ${pos}`);
    const headerSize = b[1] & 1 ? 7 : 9;
    const frameLength = ((b[3] & 3) << 11) | (b[4] << 3) | (b[5] >> 5);
    if (frameLength < headerSize || pos + frameLength > stream.length) {
      throw new TributaryError('ERR_MEDIA', `ADTS: frame length ${frameLength} at offset ${pos} is invalid`);
    }
    if ((b[6] & 3) !== 0) throw new TributaryError('ERR_MEDIA', 'ADTS: several raw data blocks per frame are not supported');
    frames.push({
      objectType: (b[2] >> 6) + 1,
      frequencyIndex: (b[2] >> 2) & 0xf,
      channelConfiguration: ((b[2] & 1) << 2) | (b[3] >> 6),
      data: stream.subarray(pos + headerSize, pos + frameLength),
    });
    pos += frameLength;
  }
  return frames;
}
