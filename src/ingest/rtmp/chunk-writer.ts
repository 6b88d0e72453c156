import { encodeChunkHeader, EXTENDED_TIMESTAMP } from './chunk-header.js';
import type { RtmpMessage } from './rtmp-message.js';

/**
 * Splits one message into chunks of `chunkSize` payload bytes: a fmt 0 header, then fmt 3
 * continuation headers that repeat the extended timestamp when there is one (RTMP 1.0
 * §5.3.1.3; ffmpeg, librtmp and nginx all expect the repetition).
 */
export function writeMessageChunks(msg: RtmpMessage, chunkSize: number): Uint8Array {
  if (!(chunkSize >= 1 && chunkSize <= 0xffffff)) throw new RangeError(`RTMP: chunk size ${chunkSize} out of range`);
  const timestamp = msg.timestamp >>> 0;
  const first = encodeChunkHeader({
    fmt: 0,
    csid: msg.csid,
    timestamp,
    length: msg.payload.length,
    typeId: msg.typeId,
    streamId: msg.streamId,
  });
  const next = encodeChunkHeader({ fmt: 3, csid: msg.csid, timestamp, extended: timestamp >= EXTENDED_TIMESTAMP });
  const chunks = Math.max(1, Math.ceil(msg.payload.length / chunkSize));
  const out = new Uint8Array(first.length + (chunks - 1) * next.length + msg.payload.length);
  let pos = 0;
  for (let i = 0; i < chunks; i++) {
    const header = i === 0 ? first : next;
    out.set(header, pos);
    pos += header.length;
    const body = msg.payload.subarray(i * chunkSize, (i + 1) * chunkSize);
    out.set(body, pos);
    pos += body.length;
  }
  return out;
}
