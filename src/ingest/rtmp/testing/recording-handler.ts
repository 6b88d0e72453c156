import pino, { type Logger } from 'pino';
import type { FlvAudioPacket, FlvVideoPacket } from '../../../formats/flv/flv-tag.js';
import type { PublishDecision, PublishHandler, PublishRequest, RtmpMediaSink } from '../publish-handler.js';

export type RecordedEvent =
  | { kind: 'metadata'; metadata: Record<string, unknown> }
  | { kind: 'video'; ts: number; packet: FlvVideoPacket }
  | { kind: 'audio'; ts: number; packet: FlvAudioPacket }
  | { kind: 'end'; reason: string };

type Decide = (r: PublishRequest) => 'accept' | Extract<PublishDecision, { accept: false }>;

/** A PublishHandler for tests that records every request and every sink call in order. */
export class RecordingHandler implements PublishHandler {
  readonly requests: PublishRequest[] = [];
  readonly events: RecordedEvent[] = [];
  /** Resolves with the reason of the first onEnd. */
  readonly ended: Promise<string>;
  private endedResolve!: (reason: string) => void;

  constructor(private readonly decide: Decide = () => 'accept') {
    this.ended = new Promise((resolve) => (this.endedResolve = resolve));
  }

  get endCount(): number {
    return this.events.filter((e) => e.kind === 'end').length;
  }

  of<K extends RecordedEvent['kind']>(kind: K): Extract<RecordedEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<RecordedEvent, { kind: K }> => e.kind === kind);
  }

  async onPublish(request: PublishRequest): Promise<PublishDecision> {
    this.requests.push(request);
    const d = this.decide(request);
    if (d !== 'accept') return d;
    const events = this.events;
    const sink: RtmpMediaSink = {
      onMetadata: (metadata) => events.push({ kind: 'metadata', metadata }),
      onVideo: (ts, packet) => events.push({ kind: 'video', ts, packet }),
      onAudio: (ts, packet) => events.push({ kind: 'audio', ts, packet }),
      onEnd: (reason) => {
        events.push({ kind: 'end', reason });
        this.endedResolve(reason);
      },
    };
    return { accept: true, sink };
  }
}

/** A pino logger whose records land in `records` (parsed), for asserting on warnings. */
export function captureLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, records };
}
