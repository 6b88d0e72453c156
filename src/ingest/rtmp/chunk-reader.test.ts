import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkReader, type ChunkReaderLimits } from './chunk-reader.js';
import { encodeChunkHeader, type ChunkHeaderFields } from './chunk-header.js';
import { writeMessageChunks } from './chunk-writer.js';
import { setChunkSizeMessage } from './control-messages.js';
import type { RtmpMessage } from './rtmp-message.js';

const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const chunk = (h: ChunkHeaderFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array => cat(encodeChunkHeader(h), payload);

/** Feeds the input one byte at a time and collects every message. */
function readByteByByte(input: Uint8Array, limits?: Partial<ChunkReaderLimits>): RtmpMessage[] {
  const r = new ChunkReader(limits);
  const out: RtmpMessage[] = [];
  for (const b of input) {
    r.push(Uint8Array.of(b));
    for (let res = r.read(); res.kind === 'message'; res = r.read()) out.push(res.message);
  }
  return out;
}

function readAll(input: Uint8Array, limits?: Partial<ChunkReaderLimits>): RtmpMessage[] {
  const r = new ChunkReader(limits);
  r.push(input);
  const out: RtmpMessage[] = [];
  for (let res = r.read(); res.kind === 'message'; res = r.read()) out.push(res.message);
  return out;
}

const msg = (m: Partial<RtmpMessage> & { payload: Uint8Array }): RtmpMessage => ({ csid: 3, typeId: 20, streamId: 0, timestamp: 0, ...m });

describe('chunk writer → reader round trips, fed byte by byte', () => {
  const cases: { name: string; message: RtmpMessage }[] = [
    { name: '1-byte basic header (csid 3)', message: msg({ payload: bytes(10) }) },
    { name: '2-byte basic header (csid 64)', message: msg({ csid: 64, payload: bytes(5) }) },
    { name: '2-byte basic header (csid 319)', message: msg({ csid: 319, payload: bytes(5) }) },
    { name: '3-byte basic header (csid 320)', message: msg({ csid: 320, payload: bytes(5) }) },
    { name: '3-byte basic header (csid 65599)', message: msg({ csid: 65599, payload: bytes(5) }) },
    { name: 'multi-chunk message', message: msg({ csid: 6, typeId: 9, streamId: 1, timestamp: 40, payload: bytes(1000) }) },
    { name: 'empty message', message: msg({ payload: new Uint8Array(0) }) },
    { name: 'extended timestamp, repeated in continuation chunks', message: msg({ csid: 6, typeId: 9, streamId: 1, timestamp: 0xfffffff0, payload: bytes(400) }) },
    { name: 'timestamp exactly 0xFFFFFF', message: msg({ csid: 4, typeId: 8, streamId: 1, timestamp: 0xffffff, payload: bytes(200) }) },
    { name: 'little-endian stream id', message: msg({ csid: 8, streamId: 0x01020304, payload: bytes(3) }) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const wire = writeMessageChunks(c.message, 128);
      assert.deepEqual(readByteByByte(wire), [c.message]);
      assert.deepEqual(readAll(wire), [c.message]);
    });
  }

  it('writes the extended timestamp in every chunk', () => {
    const wire = writeMessageChunks(msg({ csid: 6, timestamp: 0x01000000, payload: bytes(300) }), 128);
    // 12 + 4 + 128, then (1 + 4 + 128), then (1 + 4 + 44)
    assert.equal(wire.length, 16 + 128 + 5 + 128 + 5 + 44);
    assert.deepEqual([...wire.subarray(145, 149)], [1, 0, 0, 0]);
  });
});

describe('chunk reader message headers', () => {
  it('inherits fields through fmt 1, 2 and 3 and adds deltas', () => {
    const wire = cat(
      chunk({ fmt: 0, csid: 4, timestamp: 1000, length: 3, typeId: 8, streamId: 1 }, bytes(3)),
      chunk({ fmt: 1, csid: 4, timestamp: 21, length: 2, typeId: 8 }, bytes(2)),
      chunk({ fmt: 2, csid: 4, timestamp: 22 }, bytes(2)),
      chunk({ fmt: 3, csid: 4 }, bytes(2)), // new message: previous delta again
    );
    const got = readByteByByte(wire).map((m) => [m.timestamp, m.payload.length, m.typeId, m.streamId]);
    assert.deepEqual(got, [[1000, 3, 8, 1], [1021, 2, 8, 1], [1043, 2, 8, 1], [1065, 2, 8, 1]]);
  });

  it('uses a fmt 0 timestamp as the delta of a following fmt 3 message (RTMP 1.0 §5.3.1.2.4)', () => {
    const wire = cat(chunk({ fmt: 0, csid: 4, timestamp: 40, length: 1, typeId: 8, streamId: 1 }, bytes(1)), chunk({ fmt: 3, csid: 4 }, bytes(1)));
    assert.deepEqual(readByteByByte(wire).map((m) => m.timestamp), [40, 80]);
  });

  it('reads extended deltas on fmt 1 and their repetition on fmt 3 messages, wrapping at 2^32', () => {
    const wire = cat(
      chunk({ fmt: 0, csid: 6, timestamp: 0xfffffff0, length: 130, typeId: 9, streamId: 1 }, bytes(128)),
      chunk({ fmt: 3, csid: 6, timestamp: 0xfffffff0, extended: true }, bytes(2)),
      chunk({ fmt: 1, csid: 6, timestamp: 0x01000000, length: 1, typeId: 9 }, bytes(1)),
      chunk({ fmt: 3, csid: 6, timestamp: 0x01000000, extended: true }, bytes(1)),
    );
    assert.deepEqual(readByteByByte(wire).map((m) => [m.timestamp, m.payload.length]), [
      [0xfffffff0, 130],
      [0x00fffff0, 1],
      [0x01fffff0, 1],
    ]);
  });

  it('keeps interleaved chunk streams apart', () => {
    const video = bytes(300, 3);
    const audio = bytes(10, 9);
    const wire = cat(
      chunk({ fmt: 0, csid: 6, timestamp: 33, length: 300, typeId: 9, streamId: 1 }, video.subarray(0, 128)),
      chunk({ fmt: 0, csid: 4, timestamp: 21, length: 10, typeId: 8, streamId: 1 }, audio),
      chunk({ fmt: 3, csid: 6 }, video.subarray(128, 256)),
      chunk({ fmt: 2, csid: 4, timestamp: 22 }, audio),
      chunk({ fmt: 3, csid: 6 }, video.subarray(256)),
    );
    const got = readByteByByte(wire);
    assert.deepEqual(got.map((m) => [m.csid, m.timestamp]), [[4, 21], [4, 43], [6, 33]]);
    assert.deepEqual(got[2].payload, video);
  });

  it('applies the peer SetChunkSize to the chunks that follow', () => {
    const big = msg({ csid: 6, typeId: 9, payload: bytes(5000) });
    const wire = cat(writeMessageChunks(setChunkSizeMessage(4096), 128), writeMessageChunks(big, 4096));
    const got = readByteByByte(wire);
    assert.equal(got.length, 2);
    assert.deepEqual(got[1], big);
  });

  it('discards a partial message on Abort', () => {
    const abort = msg({ csid: 2, typeId: 2, payload: Uint8Array.of(0, 0, 0, 6) });
    const wire = cat(
      chunk({ fmt: 0, csid: 6, timestamp: 0, length: 300, typeId: 9, streamId: 1 }, bytes(128)),
      writeMessageChunks(abort, 128),
      chunk({ fmt: 0, csid: 6, timestamp: 5, length: 2, typeId: 9, streamId: 1 }, bytes(2)),
    );
    const got = readByteByByte(wire);
    assert.deepEqual(got.map((m) => [m.typeId, m.timestamp, m.payload.length]), [[2, 0, 4], [9, 5, 2]]);
  });
});

describe('chunk reader limits and violations', () => {
  const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

  it('refuses an announced message above the limit at its header', () => {
    const r = new ChunkReader({ maxMessageSize: 1 << 20 });
    r.push(encodeChunkHeader({ fmt: 0, csid: 6, timestamp: 0, length: 0xffffff, typeId: 9, streamId: 1 }));
    assert.throws(() => r.read(), code('ERR_RTMP_LIMIT'));
    assert.ok(r.bufferedBytes < 64);
  });

  it('refuses chunk sizes outside 1..0xFFFFFF, including 2 GB', () => {
    for (const size of [0, 0x1000000, 0x7fffffff, 0x80000000]) {
      const wire = writeMessageChunks(msg({ csid: 2, typeId: 1, payload: Uint8Array.of(size >>> 24, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff) }), 128);
      assert.throws(() => readAll(wire), code('ERR_RTMP_PROTOCOL'), `size ${size}`);
    }
  });

  it('limits the number of chunk streams', () => {
    const wire = cat(...Array.from({ length: 5 }, (_, i) => chunk({ fmt: 0, csid: 10 + i, length: 1, typeId: 8, streamId: 1 }, bytes(1))));
    assert.equal(readAll(wire, { maxChunkStreams: 5 }).length, 5);
    assert.throws(() => readAll(cat(wire, chunk({ fmt: 0, csid: 3, length: 0, typeId: 20 })), { maxChunkStreams: 5 }), code('ERR_RTMP_LIMIT'));
  });

  it('limits bytes held in incomplete messages', () => {
    const wire = cat(...Array.from({ length: 4 }, (_, i) => chunk({ fmt: 0, csid: 10 + i, length: 1000, typeId: 9, streamId: 1 }, bytes(128))));
    assert.throws(() => readAll(wire, { maxPendingBytes: 300 }), code('ERR_RTMP_LIMIT'));
  });

  it('keeps memory small when many streams announce huge messages and send nothing', () => {
    const r = new ChunkReader({ maxMessageSize: 0xffffff });
    for (let i = 0; i < 64; i++) r.push(chunk({ fmt: 0, csid: 10 + i, length: 0xffffff, typeId: 9, streamId: 1 }, bytes(128)));
    const before = process.memoryUsage().arrayBuffers;
    assert.equal(r.read().kind, 'need-more');
    assert.equal(r.bufferedBytes, 64 * 128);
    // 64 × the 16 KiB initial capacity at most, not 64 × 16 MiB.
    assert.ok(process.memoryUsage().arrayBuffers - before < 8 * 1024 * 1024);
  });

  it('rejects fmt 1-3 on a chunk stream with no state, and a new header inside an incomplete message', () => {
    assert.throws(() => readAll(chunk({ fmt: 1, csid: 5, timestamp: 0, length: 1, typeId: 8 }, bytes(1))), code('ERR_RTMP_PROTOCOL'));
    assert.throws(() => readAll(Uint8Array.of(0xc7)), code('ERR_RTMP_PROTOCOL'));
    const wire = cat(chunk({ fmt: 0, csid: 6, length: 200, typeId: 9, streamId: 1 }, bytes(128)), chunk({ fmt: 0, csid: 6, length: 1, typeId: 9, streamId: 1 }, bytes(1)));
    assert.throws(() => readAll(wire), code('ERR_RTMP_PROTOCOL'));
  });

  it('answers need-more for any prefix instead of throwing', () => {
    const wire = writeMessageChunks(msg({ csid: 400, timestamp: 0x02000000, payload: bytes(700) }), 128);
    for (let n = 0; n < wire.length; n++) {
      const r = new ChunkReader();
      r.push(wire.subarray(0, n));
      assert.equal(r.read().kind, 'need-more');
    }
  });

  it('survives random and corrupted input with only need-more or TributaryError', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    const valid = cat(
      writeMessageChunks(msg({ csid: 6, typeId: 9, streamId: 1, timestamp: 0x01000000, payload: bytes(900) }), 128),
      writeMessageChunks(msg({ csid: 4, typeId: 8, streamId: 1, timestamp: 5, payload: bytes(50) }), 128),
    );
    for (let i = 0; i < 400; i++) {
      const input = i % 2 ? Uint8Array.from({ length: 3000 }, () => Math.floor(rand() * 256)) : Uint8Array.from(valid);
      if (i % 2 === 0) for (let k = 0; k < 4; k++) input[Math.floor(rand() * input.length)] = Math.floor(rand() * 256);
      const r = new ChunkReader({ maxMessageSize: 1 << 20, maxPendingBytes: 1 << 20 });
      try {
        r.push(input);
        for (let res = r.read(); res.kind === 'message'; res = r.read()) assert.ok(res.message.payload.length <= 1 << 20);
      } catch (e) {
        assert.equal((e as Error).name, 'TributaryError', String(e));
      }
      assert.ok(r.bufferedBytes <= input.length);
    }
  });
});
