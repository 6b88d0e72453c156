import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { TributaryError } from '../../util/errors.js';
import { AckWindow } from './ack-window.js';
import { ByteQueue } from './byte-queue.js';
import { ChunkReader } from './chunk-reader.js';
import { writeMessageChunks } from './chunk-writer.js';
import { acknowledgementMessage, readControlU32, readUserControl, userControlMessage } from './control-messages.js';
import { answerHandshake, C0C1_SIZE } from './handshake.js';
import { HANDSHAKE_SIZE } from './handshake-digest.js';
import type { PublishHandler } from './publish-handler.js';
import type { RtmpLimits } from './rtmp-limits.js';
import { MessageType, UserControlEvent, type RtmpMessage } from './rtmp-message.js';
import { RtmpSession, type SessionPort } from './rtmp-session.js';

export interface RtmpConnectionOptions {
  socket: Socket;
  handler: PublishHandler;
  logger: Logger;
  limits: RtmpLimits;
  connectionId: string;
}

/** A refused publisher gets this long to read its onStatus before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * One TCP connection: handshake, chunk parsing, protocol control, timeouts and backpressure.
 * Commands and media go to an RtmpSession. Every error ends here: it is logged at warn with
 * {conn, remoteAddress, code, reason} and the socket is destroyed; nothing is thrown out.
 */
export class RtmpConnection implements SessionPort {
  readonly connectionId: string;
  readonly remoteAddress: string;
  readonly localPort: number;
  readonly logger: Logger;
  /** Settles when the socket has closed and the session has ended. */
  readonly closed: Promise<void>;
  private readonly socket: Socket;
  private readonly session: RtmpSession;
  private readonly reader: ChunkReader;
  private readonly ack = new AckWindow();
  private readonly handshakeBytes = new ByteQueue();
  private phase: 'c0c1' | 'c2' | 'chunks' | 'closing' | 'closed' = 'c0c1';
  private outChunkSize = 128;
  private held = false;
  private awaitingDrain = false;
  private handshakeTimer: NodeJS.Timeout | undefined;

  constructor(o: RtmpConnectionOptions) {
    this.socket = o.socket;
    this.connectionId = o.connectionId;
    this.remoteAddress = o.socket.remoteAddress ?? '';
    this.localPort = o.socket.localPort ?? 0;
    this.logger = o.logger.child({ conn: o.connectionId, remoteAddress: this.remoteAddress });
    this.reader = new ChunkReader(o.limits);
    this.session = new RtmpSession(this, o.handler);
    this.closed = new Promise((resolve) => o.socket.once('close', () => resolve()));
    o.socket.on('data', (b: Buffer) => this.guard(() => this.onData(b)));
    o.socket.on('error', (err) => this.fail(new TributaryError('ERR_RTMP_PROTOCOL', `socket error: ${err.message}`)));
    o.socket.on('close', () => this.onClose());
    o.socket.setTimeout(o.limits.idleTimeoutMs, () => this.fail(new TributaryError('ERR_RTMP_LIMIT', `no data for ${o.limits.idleTimeoutMs} ms`)));
    this.handshakeTimer = setTimeout(() => {
      this.fail(new TributaryError('ERR_RTMP_HANDSHAKE', `handshake not completed within ${o.limits.handshakeTimeoutMs} ms`));
    }, o.limits.handshakeTimeoutMs);
  }

  /** Ends the connection from our side (server shutdown); the sink hears `reason`. */
  shutdown(reason: string): void {
    this.session.end(reason);
    this.phase = 'closed';
    this.socket.destroy();
  }

  send(m: RtmpMessage): void {
    if (this.phase === 'closed' || this.socket.destroyed) return;
    // Respect write backpressure: stop consuming input until the peer reads what we sent.
    if (!this.socket.write(writeMessageChunks(m, this.outChunkSize)) && !this.awaitingDrain) {
      this.awaitingDrain = true;
      this.socket.pause();
      this.socket.once('drain', () => {
        this.awaitingDrain = false;
        this.unblock();
      });
    }
  }

  setOutChunkSize(size: number): void {
    this.outChunkSize = size;
  }

  hold(): void {
    this.held = true;
    this.socket.pause();
  }

  resume(): void {
    this.held = false;
    this.unblock();
  }

  /** Reads again once neither the publish handler nor a full write buffer holds us back. */
  private unblock(): void {
    if (this.held || this.awaitingDrain || this.phase !== 'chunks') return;
    this.socket.resume();
    this.guard(() => this.pump());
  }

  closeGracefully(): void {
    this.phase = 'closing';
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  fail(err: unknown): void {
    if (this.phase === 'closed') return;
    const code = err instanceof TributaryError ? err.code : 'ERR_INTERNAL';
    const reason = err instanceof Error ? err.message : String(err);
    this.logger.warn({ code, reason }, 'RTMP connection dropped');
    this.session.end(`${code}: ${reason}`);
    this.phase = 'closed';
    this.socket.destroy();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.fail(err);
    }
  }

  private onClose(): void {
    clearTimeout(this.handshakeTimer);
    this.session.end('connection closed');
    this.phase = 'closed';
  }

  private onData(b: Buffer): void {
    const ackSeq = this.ack.received(b.length);
    if (this.phase === 'c0c1' || this.phase === 'c2') {
      this.handshakeBytes.push(b);
      this.handshake();
    } else if (this.phase === 'chunks') {
      this.reader.push(b);
    }
    if (ackSeq !== undefined && this.phase === 'chunks') this.send(acknowledgementMessage(ackSeq));
    this.pump();
  }

  /** Server order from formats.md §1.1: read C0+C1, send S0+S1+S2, read and drop C2. */
  private handshake(): void {
    const q = this.handshakeBytes;
    if (this.phase === 'c0c1' && q.length >= C0C1_SIZE) {
      const { response, kind } = answerHandshake(q.peek(C0C1_SIZE));
      q.skip(C0C1_SIZE);
      this.logger.debug({ kind }, 'RTMP handshake');
      this.socket.write(response);
      this.phase = 'c2';
    }
    if (this.phase === 'c2' && q.length >= HANDSHAKE_SIZE) {
      q.skip(HANDSHAKE_SIZE);
      clearTimeout(this.handshakeTimer);
      this.phase = 'chunks';
      for (const rest of q.take(q.length)) this.reader.push(rest);
    }
  }

  private pump(): void {
    while (this.phase === 'chunks' && !this.held && !this.awaitingDrain) {
      const r = this.reader.read();
      if (r.kind === 'need-more') return;
      this.onMessage(r.message);
    }
  }

  private onMessage(m: RtmpMessage): void {
    switch (m.typeId) {
      case MessageType.SetChunkSize:
      case MessageType.Abort:
      case MessageType.Acknowledgement:
      case MessageType.SetPeerBandwidth:
        return; // chunk size and abort were applied by the reader; the rest needs nothing from us
      case MessageType.WindowAckSize: {
        const size = readControlU32(m.payload);
        if (size !== undefined) this.ack.setWindow(size);
        return;
      }
      case MessageType.UserControl: {
        const uc = readUserControl(m.payload);
        if (uc?.event === UserControlEvent.PingRequest) this.send(userControlMessage(UserControlEvent.PingResponse, uc.value));
        return;
      }
      default:
        this.session.handle(m);
    }
  }
}
