import { connect, type Socket } from 'node:net';
import { readAmf0Values } from '../../../formats/amf/amf0-reader.js';
import type { Amf0Value } from '../../../formats/amf/amf0-value.js';
import { ChunkReader } from '../chunk-reader.js';
import { writeMessageChunks } from '../chunk-writer.js';
import { setChunkSizeMessage } from '../control-messages.js';
import { commandMessage } from '../command-messages.js';
import { C0C1_SIZE } from '../handshake.js';
import { HANDSHAKE_SIZE } from '../handshake-digest.js';
import type { RtmpMessage } from '../rtmp-message.js';

/**
 * A bare-bones RTMP client for tests: simple handshake, then whatever messages or raw bytes the
 * test wants to send (chunk size 128), with the server's messages parsed and queued.
 */
export class RawRtmpClient {
  readonly received: RtmpMessage[] = [];
  private readonly reader = new ChunkReader();
  private waiters: (() => void)[] = [];
  private isClosed = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    void this.closed.then(() => {
      this.isClosed = true;
      this.wake();
    });
  }

  /** Connects to 127.0.0.1:port and completes a simple handshake. */
  static async open(port: number): Promise<RawRtmpClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawRtmpClient(socket);
    const c0c1 = new Uint8Array(C0C1_SIZE);
    c0c1[0] = 3;
    socket.write(c0c1);
    let pending = Buffer.alloc(0);
    let handshaken = false;
    await new Promise<void>((resolve, reject) => {
      socket.on('data', (b: Buffer) => {
        if (handshaken) return client.onData(b);
        pending = Buffer.concat([pending, b]);
        if (pending.length < 1 + 2 * HANDSHAKE_SIZE) return;
        handshaken = true;
        socket.write(pending.subarray(1, 1 + HANDSHAKE_SIZE)); // C2 = S1
        client.onData(pending.subarray(1 + 2 * HANDSHAKE_SIZE));
        resolve();
      });
      socket.once('close', () => reject(new Error('closed during handshake')));
    });
    return client;
  }

  /** The chunk size this client writes with (RTMP's default until it says otherwise). */
  private outChunkSize = 128;

  send(m: RtmpMessage): void {
    this.socket.write(writeMessageChunks(m, this.outChunkSize));
  }

  /** Announces and then uses a larger chunk size, as OBS and ffmpeg do (4096). */
  setChunkSize(size: number): void {
    this.send(setChunkSizeMessage(size));
    this.outChunkSize = size;
  }

  command(values: Amf0Value[], streamId = 0, csid = 3): void {
    this.send({ ...commandMessage(values, streamId), csid });
  }

  /** Resolves with the first received command whose name matches, or rejects on close/timeout. */
  async nextCommand(name: string, timeoutMs = 5000): Promise<Amf0Value[]> {
    const m = await this.next((x) => (x.typeId === 20 ? readAmf0Values(x.payload)[0] === name : false), timeoutMs);
    return readAmf0Values(m.payload);
  }

  async next(match: (m: RtmpMessage) => boolean, timeoutMs = 5000): Promise<RtmpMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.received.findIndex(match);
      if (i >= 0) return this.received.splice(i, 1)[0];
      if (this.isClosed) throw new Error('connection closed');
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(b: Uint8Array): void {
    this.reader.push(b);
    for (let r = this.reader.read(); r.kind === 'message'; r = this.reader.read()) this.received.push(r.message);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
