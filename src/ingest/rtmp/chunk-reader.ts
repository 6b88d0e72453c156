import { TributaryError } from '../../util/errors.js';
import { ByteQueue } from './byte-queue.js';
import { basicHeaderSize, EXTENDED_TIMESTAMP, messageHeaderSize } from './chunk-header.js';
import { MessageBuffer } from './message-buffer.js';
import { MessageType, type RtmpMessage } from './rtmp-message.js';

export interface ChunkReaderLimits {
  /** Largest message accepted; a longer announced length is refused before any allocation. */
  maxMessageSize: number;
  /** Chunk stream ids with state at once. */
  maxChunkStreams: number;
  /** Bytes held in incomplete messages across all chunk streams. */
  maxPendingBytes: number;
}

export const DEFAULT_CHUNK_READER_LIMITS: ChunkReaderLimits = {
  // A 1080p key frame at a high bit rate is a few hundred kB; 8 MiB leaves ample room.
  maxMessageSize: 8 * 1024 * 1024,
  maxChunkStreams: 64,
  maxPendingBytes: 32 * 1024 * 1024,
};

export type ChunkReadResult = { kind: 'message'; message: RtmpMessage } | { kind: 'need-more' };

/** What a chunk stream id remembers for fmt 1/2/3 headers to inherit (§5.3.1.2). */
interface ChunkStream {
  csid: number;
  timestamp: number;
  /** The last timestamp field (a delta, or fmt 0's absolute value): what a fmt 3 new message adds. */
  delta: number;
  /** Whether the last fmt 0/1/2 header used an extended timestamp: fmt 3 chunks then repeat it. */
  extended: boolean;
  length: number;
  typeId: number;
  streamId: number;
  partial: MessageBuffer | null;
}

const NEED_MORE: ChunkReadResult = { kind: 'need-more' };
const DEFAULT_CHUNK_SIZE = 128;
const MAX_CHUNK_SIZE = 0xffffff;

/**
 * Incremental RTMP chunk stream parser (RTMP 1.0 §5.3). Push bytes as they arrive and call
 * read() until it answers need-more. Chunk payload bytes are copied into per-csid message
 * buffers as soon as they arrive, so only a partial header (≤ 18 bytes) ever waits in the queue.
 * SetChunkSize and Abort take effect here, before the next chunk is parsed, and are also returned.
 * Protocol violations and limit breaches throw TributaryError (ERR_RTMP_PROTOCOL / ERR_RTMP_LIMIT).
 */
export class ChunkReader {
  private readonly queue = new ByteQueue();
  private readonly streams = new Map<number, ChunkStream>();
  private readonly limits: ChunkReaderLimits;
  private chunkSize = DEFAULT_CHUNK_SIZE;
  private pendingBytes = 0;
  /** The chunk whose payload is being received, and how many payload bytes it still has. */
  private current: { stream: ChunkStream; remaining: number } | null = null;

  constructor(limits: Partial<ChunkReaderLimits> = {}) {
    this.limits = { ...DEFAULT_CHUNK_READER_LIMITS, ...limits };
  }

  /** The peer's current chunk size. */
  get inChunkSize(): number {
    return this.chunkSize;
  }

  /** Bytes held in incomplete messages and unparsed input. */
  get bufferedBytes(): number {
    return this.pendingBytes + this.queue.length;
  }

  push(bytes: Uint8Array): void {
    this.queue.push(bytes);
  }

  read(): ChunkReadResult {
    for (;;) {
      if (!this.current && !this.readHeader()) return NEED_MORE;
      const c = this.current!;
      const partial = c.stream.partial!;
      if (c.remaining > 0) {
        for (const part of this.queue.take(c.remaining)) {
          partial.append(part);
          c.remaining -= part.length;
          this.pendingBytes += part.length;
        }
        if (this.pendingBytes > this.limits.maxPendingBytes) {
          throw new TributaryError('ERR_RTMP_LIMIT', `more than ${this.limits.maxPendingBytes} bytes in incomplete messages`);
        }
        if (c.remaining > 0) return NEED_MORE;
      }
      this.current = null;
      if (partial.complete) {
        c.stream.partial = null;
        this.pendingBytes -= partial.length;
        const s = c.stream;
        const message: RtmpMessage = { csid: s.csid, typeId: s.typeId, streamId: s.streamId, timestamp: s.timestamp, payload: partial.bytes() };
        this.applyControl(message);
        return { kind: 'message', message };
      }
    }
  }

  /** Parses one complete chunk header, or consumes nothing and returns false. */
  private readHeader(): boolean {
    const q = this.queue;
    if (q.length < 1) return false;
    const b0 = q.at(0);
    const bh = basicHeaderSize(b0);
    const fmt = b0 >> 6;
    const mh = messageHeaderSize(fmt);
    if (q.length < bh + mh) return false;
    const low = b0 & 0x3f;
    const csid = bh === 1 ? low : bh === 2 ? q.at(1) + 64 : q.at(2) * 256 + q.at(1) + 64;
    const known = this.streams.get(csid);
    if (!known) {
      if (fmt !== 0) throw new TributaryError('ERR_RTMP_PROTOCOL', `fmt ${fmt} chunk on chunk stream ${csid}, which has no previous header`);
      if (this.streams.size >= this.limits.maxChunkStreams) {
        throw new TributaryError('ERR_RTMP_LIMIT', `more than ${this.limits.maxChunkStreams} chunk streams in use`);
      }
    }
    const head = q.peek(bh + mh);
    const field = fmt <= 2 ? (head[bh] << 16) | (head[bh + 1] << 8) | head[bh + 2] : 0;
    const extended = fmt <= 2 ? field === EXTENDED_TIMESTAMP : known!.extended;
    const total = bh + mh + (extended ? 4 : 0);
    if (q.length < total) return false;
    const h = new DataView(q.peek(total).buffer);
    q.skip(total);
    const ext = extended ? h.getUint32(bh + mh) : 0;

    const s: ChunkStream = known ?? { csid, timestamp: 0, delta: 0, extended: false, length: 0, typeId: 0, streamId: 0, partial: null };
    if (s.partial) {
      // A message is half received on this csid: only a continuation chunk may follow. Its
      // extended timestamp, if any, repeats the message's and is already consumed above.
      if (fmt !== 3) throw new TributaryError('ERR_RTMP_PROTOCOL', `fmt ${fmt} header on chunk stream ${csid} inside an incomplete message`);
    } else {
      this.startMessage(s, { fmt, field: extended ? ext : field, extended, h, at: bh });
      if (!known) this.streams.set(csid, s);
    }
    const p = s.partial!;
    this.current = { stream: s, remaining: Math.min(this.chunkSize, p.length - p.filled) };
    return true;
  }

  private startMessage(s: ChunkStream, o: { fmt: number; field: number; extended: boolean; h: DataView; at: number }): void {
    const { fmt, h, at } = o;
    let length = s.length;
    if (fmt <= 1) length = h.getUint32(at + 3) >>> 8;
    if (length > this.limits.maxMessageSize) {
      throw new TributaryError('ERR_RTMP_LIMIT', `message of ${length} bytes exceeds the ${this.limits.maxMessageSize}-byte limit`);
    }
    if (fmt <= 1) {
      s.length = length;
      s.typeId = h.getUint8(at + 6);
    }
    if (fmt === 0) {
      s.streamId = h.getUint32(at + 7, true);
      s.timestamp = o.field;
    } else {
      // fmt 3 starting a new message reuses the previous delta (fmt 0's absolute value included).
      if (fmt <= 2 || o.extended) s.delta = o.field;
      s.timestamp = (s.timestamp + s.delta) >>> 0;
    }
    if (fmt === 0) s.delta = o.field;
    if (fmt <= 2) s.extended = o.extended;
    s.partial = new MessageBuffer(length);
  }

  /** SetChunkSize and Abort change how the following chunks parse (§5.4.1, §5.4.2). */
  private applyControl(m: RtmpMessage): void {
    if (m.typeId !== MessageType.SetChunkSize && m.typeId !== MessageType.Abort) return;
    if (m.payload.length < 4) throw new TributaryError('ERR_RTMP_PROTOCOL', `protocol control message type ${m.typeId} shorter than 4 bytes`);
    const value = new DataView(m.payload.buffer, m.payload.byteOffset, 4).getUint32(0);
    if (m.typeId === MessageType.SetChunkSize) {
      if (value < 1 || value > MAX_CHUNK_SIZE) throw new TributaryError('ERR_RTMP_PROTOCOL', `SetChunkSize ${value} outside 1..${MAX_CHUNK_SIZE}`);
      this.chunkSize = value;
      return;
    }
    const s = this.streams.get(value);
    if (s?.partial) {
      this.pendingBytes -= s.partial.filled;
      s.partial = null;
    }
  }
}
