import { redactIngestPath } from '../../util/redact-ingest-path.js';
import type { Logger } from 'pino';
import { readAmf0Values } from '../../formats/amf/amf0-reader.js';
import { isAmf0Object, type Amf0Value } from '../../formats/amf/amf0-value.js';
import { TributaryError } from '../../util/errors.js';
import { connectResultMessage, onFCPublishMessage, onStatusMessage, resultMessage } from './command-messages.js';
import { setChunkSizeMessage, setPeerBandwidthMessage, streamBeginMessage, windowAckSizeMessage } from './control-messages.js';
import { MediaDispatcher } from './media-dispatcher.js';
import type { PublishDecision, PublishHandler, PublishRequest, RtmpMediaSink } from './publish-handler.js';
import { resolvePublishTarget } from './publish-target.js';
import { MessageType, type RtmpMessage } from './rtmp-message.js';

/** What a session needs from its connection. */
export interface SessionPort {
  readonly connectionId: string;
  readonly remoteAddress: string;
  readonly localPort: number;
  readonly logger: Logger;
  send(m: RtmpMessage): void;
  /** Our chunk size for what we send after this call. */
  setOutChunkSize(size: number): void;
  /** Stop handing messages over until resume() (while the publish handler decides). */
  hold(): void;
  resume(): void;
  /** Flush what was sent, then close (after a refused publish). */
  closeGracefully(): void;
  /** Report an error that ends the connection. */
  fail(err: unknown): void;
  /** End the connection from our side (channel stopped, server shutdown). */
  shutdown(reason: string): void;
}

/** Values from formats.md §1.4 (nginx-rtmp's). */
const WINDOW_ACK_SIZE = 5_000_000;
const PEER_BANDWIDTH = 5_000_000;
const OUT_CHUNK_SIZE = 4096;
/** nginx's NGX_RTMP_MSID; ffmpeg and OBS accept any non-zero id (§0 rule 1). */
const STREAM_ID = 1;

const status = (code: string, description: string, extra: Record<string, Amf0Value> = {}) => ({ level: 'status', code, description, ...extra });

/**
 * The NetConnection/NetStream command flow of one publisher (formats.md §1.5): connect,
 * releaseStream/FCPublish/createStream, publish (asking the PublishHandler before answering),
 * media to the accepted sink, unpublish. One publish per connection.
 */
export class RtmpSession {
  private app: string | undefined;
  private state: 'idle' | 'pending' | 'publishing' | 'ended' = 'idle';
  private sink: RtmpMediaSink | undefined;
  private dispatcher: MediaDispatcher | undefined;
  private closed = false;

  constructor(
    private readonly port: SessionPort,
    private readonly handler: PublishHandler,
  ) {}

  handle(m: RtmpMessage): void {
    if (m.typeId === MessageType.Amf0Command || m.typeId === MessageType.Amf3Command) {
      // A type 17 payload is a 0x00 format byte followed by AMF0 (RTMP 1.0 §7.1.1).
      const body = m.typeId === MessageType.Amf3Command && m.payload[0] === 0 ? m.payload.subarray(1) : m.payload;
      this.command(readAmf0Values(body), m.streamId);
    } else if (this.state === 'publishing') {
      this.dispatcher!.dispatch(m);
    }
  }

  /** The connection is going away: the sink, if any, hears about it once. */
  end(reason: string): void {
    this.closed = true;
    this.endPublish(reason);
  }

  private command(values: Amf0Value[], streamId: number): void {
    const [name, txnValue] = values;
    const txn = typeof txnValue === 'number' ? txnValue : 0;
    const p = this.port;
    if (name !== 'connect' && this.app === undefined && ['createStream', 'publish'].includes(String(name))) {
      throw new TributaryError('ERR_RTMP_PROTOCOL', `${String(name)} before connect`);
    }
    switch (name) {
      case 'connect':
        return this.connect(txn, values[2]);
      case 'releaseStream':
        return p.send(resultMessage(txn, undefined));
      case 'FCPublish':
        p.send(onFCPublishMessage(typeof values[3] === 'string' ? values[3] : ''));
        return p.send(resultMessage(txn, undefined));
      case 'createStream':
        return p.send(resultMessage(txn, STREAM_ID));
      case 'publish':
        return this.publish(values[3], streamId || STREAM_ID);
      case 'FCUnpublish':
      case 'deleteStream':
      case 'closeStream':
        return this.endPublish(`unpublished (${name})`);
      default:
        p.logger.debug({ command: name }, 'ignoring RTMP command');
    }
  }

  private connect(txn: number, cmd: Amf0Value): void {
    if (this.app !== undefined) throw new TributaryError('ERR_RTMP_PROTOCOL', 'second connect on one connection');
    const o = cmd !== undefined && isAmf0Object(cmd) ? cmd : {};
    this.app = typeof o.app === 'string' ? o.app : '';
    const objectEncoding = typeof o.objectEncoding === 'number' ? o.objectEncoding : 0;
    const enhanced = ['fourCcList', 'videoFourCcInfoMap', 'audioFourCcInfoMap', 'capsEx'].some((k) => o[k] !== undefined);
    const p = this.port;
    p.logger.debug({ app: redactIngestPath(this.app), tcUrl: redactIngestPath(o.tcUrl), flashVer: o.flashVer }, 'RTMP connect');
    p.send(windowAckSizeMessage(WINDOW_ACK_SIZE));
    p.send(setPeerBandwidthMessage(PEER_BANDWIDTH, 2));
    p.send(setChunkSizeMessage(OUT_CHUNK_SIZE));
    p.setOutChunkSize(OUT_CHUNK_SIZE);
    p.send(connectResultMessage({ txn, objectEncoding, enhanced }));
  }

  private publish(nameValue: Amf0Value, streamId: number): void {
    const p = this.port;
    if (this.state !== 'idle') {
      p.send(onStatusMessage(streamId, { level: 'error', code: 'NetStream.Publish.BadName', description: 'This connection is already publishing.' }));
      return;
    }
    const name = typeof nameValue === 'string' ? nameValue : '';
    const target = resolvePublishTarget(this.app ?? '', name);
    if (!target.streamName) return this.refuse(streamId, 'NetStream.Publish.BadName', 'A stream name is required.');
    const request: PublishRequest = {
      ...target,
      remoteAddress: p.remoteAddress,
      localPort: p.localPort,
      connectionId: p.connectionId,
      disconnect: (reason) => p.shutdown(reason),
    };
    this.state = 'pending';
    p.hold();
    this.handler.onPublish(request).then(
      (decision) => this.decided(decision, streamId, name),
      (err: unknown) => {
        p.logger.error({ err }, 'publish handler failed');
        this.decided({ accept: false, code: 'NetStream.Publish.Denied', description: 'Internal error.' }, streamId, name);
      },
    );
  }

  private decided(decision: PublishDecision, streamId: number, name: string): void {
    try {
      if (this.closed) {
        // The encoder left while the handler was deciding: the handed-over sink still ends once.
        if (decision.accept) safeEnd(decision.sink, 'connection closed before publishing started', this.port.logger);
        return;
      }
      if (!decision.accept) return this.refuse(streamId, decision.code, decision.description);
      this.sink = decision.sink;
      this.dispatcher = new MediaDispatcher(decision.sink);
      this.state = 'publishing';
      const p = this.port;
      p.send(streamBeginMessage(streamId));
      p.send(onStatusMessage(streamId, status('NetStream.Publish.Start', `${name} is now published.`, { details: name, clientid: p.connectionId })));
      p.logger.info({ app: redactIngestPath(this.app), name }, 'RTMP publish started');
      p.resume();
    } catch (err) {
      this.port.fail(err);
    }
  }

  private refuse(streamId: number, code: string, description: string): void {
    this.state = 'ended';
    this.port.logger.info({ code, description }, 'RTMP publish refused');
    this.port.send(onStatusMessage(streamId, { level: 'error', code, description }));
    this.port.closeGracefully();
  }

  private endPublish(reason: string): void {
    if (this.state === 'publishing') {
      this.port.logger.info({ reason }, 'RTMP publish ended');
      safeEnd(this.sink!, reason, this.port.logger);
    }
    if (this.state !== 'pending') this.state = 'ended';
  }
}

function safeEnd(sink: RtmpMediaSink, reason: string, logger: Logger): void {
  try {
    sink.onEnd(reason);
  } catch (err) {
    logger.error({ err }, 'media sink onEnd failed');
  }
}
