// An Enhanced RTMP publisher for e2e tests: Debian's ffmpeg 5.1 cannot send HEVC or AV1 over
// RTMP, so ffmpeg encodes to fragmented MP4 on a pipe and this process republishes each access
// unit as E-RTMP video tags (SequenceStart with hvcC/av1C, CodedFrames) and AAC audio tags, with
// the server's own RTMP client code (src/ingest/rtmp/testing). ffmpeg's -re inputs set the pace.
import { SmoothIngestParser } from '../../../src/ingest/smooth/smooth-ingest-parser.js';
import { ErtmpPublisher } from '../../../src/ingest/rtmp/testing/ertmp-publisher.js';
import { Fmp4ToFlv } from '../../../src/ingest/rtmp/testing/fmp4-to-flv.js';
import { LADDER, nextGenFmp4PipeArgs, type NextGenVideoCodec, type RenditionSpec } from './ffmpeg-args.js';
import { runFfmpeg, type FfmpegProcess } from './ffmpeg.js';

export interface ErtmpPublishOptions {
  codec: NextGenVideoCodec;
  /** Port of the server's RTMP listener on 127.0.0.1. */
  port: number;
  /** connect app, e.g. `live/{token}`, and publish name. */
  app: string;
  name: string;
  durationSec: number;
  /** Defaults to the 360p rung. */
  rendition?: RenditionSpec;
}

export interface ErtmpPublish {
  readonly encoder: FfmpegProcess;
  /** Messages sent so far (metadata, sequence starts and frames). */
  readonly sent: () => number;
  /** The server closed the RTMP connection before stop(): it refused something. */
  readonly dropped: () => boolean;
  /** Resolves when the publish has ended (the encoder finished, or stop()); rejects on a fault. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export async function publishErtmp(o: ErtmpPublishOptions): Promise<ErtmpPublish> {
  const publisher = await ErtmpPublisher.publish({ port: o.port, app: o.app, name: o.name });
  const rendition = o.rendition ?? LADDER[LADDER.length - 1];
  const encoder = runFfmpeg(nextGenFmp4PipeArgs(o.codec, rendition, o.durationSec), `ffmpeg ${o.codec} fmp4 for e-rtmp`, o.durationSec);
  const parser = new SmoothIngestParser();
  const translator = new Fmp4ToFlv();
  let sent = 0;
  let fault: unknown;
  let stopping = false;
  let dropped = false;
  void publisher.closed.then(() => {
    dropped = !stopping;
  });
  encoder.child.stdout!.on('data', (chunk: Buffer) => {
    if (fault !== undefined) return;
    try {
      for (const event of parser.push(chunk)) {
        for (const m of translator.translate(event)) {
          publisher.send(m);
          sent++;
        }
      }
    } catch (e) {
      fault = e;
      void encoder.stop(1000);
    }
  });
  const done = encoder.exited.then(async (exit) => {
    stopping = true;
    await publisher.stop();
    if (fault !== undefined) throw fault;
    if (exit.code !== 0 && exit.signal !== 'SIGTERM') throw new Error(`${encoder.name} exited with ${exit.code ?? exit.signal}: ${encoder.stderr()}`);
  });
  // A caller that only stops the publish must not see an unhandled rejection.
  done.catch(() => undefined);
  return {
    encoder,
    sent: () => sent,
    dropped: () => dropped,
    done,
    stop: async () => {
      stopping = true;
      await encoder.stop(2000);
      await done.catch(() => undefined);
    },
  };
}
