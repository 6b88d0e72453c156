import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { TributaryError } from '../../util/errors.js';
import type { IngestTarget } from '../ingest-target.js';
import { SmoothIngestAdapter } from './smooth-ingest-adapter.js';
import { SmoothIngestParser } from './smooth-ingest-parser.js';
import { parseSmoothIngestUrl } from './smooth-ingest-url.js';
import { DEFAULT_SMOOTH_INGEST_LIMITS, type SmoothIngestLimits } from './smooth-limits.js';

export type SmoothResolveResult = { ok: true; target: IngestTarget; log: Logger } | { ok: false; status: 403 | 404 | 409; reason: string };

export interface SmoothPostOptions {
  /**
   * Finds the running channel the POST publishes into: 403 for a wrong token or an address
   * outside ipAllow, 404 for an unknown channel, 409 for a channel that is not running.
   * `log` is the logger for this stream (a child with the channel's name, say).
   */
  resolve(channel: string, token: string, streamName: string, secondary: boolean, remoteAddress: string): SmoothResolveResult | Promise<SmoothResolveResult>;
  limits?: Partial<SmoothIngestLimits>;
  log: Logger;
  /** Sees every body chunk as it is parsed (capture for tests and debugging). */
  onChunk?: (chunk: Uint8Array) => void;
}

export interface SmoothPostResult {
  status: number;
  /** A short plain-text reason ('' on success). */
  body: string;
  /** The body was not read to its end: the connection must close after the response. */
  close: boolean;
}

/**
 * One Smooth ingest POST (CONTRACT §3; azure.md §8b; formats.md §2.1), framework-light: takes
 * node's IncomingMessage, answers with a status to send. The URL is checked, then the channel
 * resolved (so a bad token gets its 403/404 even on the probe). An empty body (Content-Length 0,
 * Azure's optional probe) is answered 200. Otherwise the body, chunked or with a length, is fed
 * to the parser as it arrives, never buffered whole: the parser's limits bound what is held,
 * and the socket is read only as fast as the parser takes it (processing is synchronous in the
 * 'data' handler). 200 when the body ends; 400 with the reason for a malformed stream or a
 * broken limit; 408 after `idleTimeoutMs` without a byte. On any failure the request stops being
 * read and `close` asks the caller to drop the connection. Nothing here throws. Call it before
 * anything else reads the request: the body must still be paused (fastify: a content-type parser
 * that reads nothing, as registerSmoothIngest installs).
 */
export async function handleSmoothPost(req: IncomingMessage, options: SmoothPostOptions, clientAddress = req.socket.remoteAddress ?? ''): Promise<SmoothPostResult> {
  const limits = { ...DEFAULT_SMOOTH_INGEST_LIMITS, ...options.limits };
  const drop = (status: number, body: string): SmoothPostResult => ({ status, body, close: true });
  if (req.method !== 'POST') return drop(405, 'Smooth ingest takes POST');
  const url = parseSmoothIngestUrl(req.url ?? '');
  if (!url.ok) return drop(url.status, url.reason);
  const { channel, token, streamName, secondary } = url.value;
  let resolved: SmoothResolveResult;
  try {
    resolved = await options.resolve(channel, token, streamName, secondary, clientAddress);
  } catch (err) {
    options.log.error({ err, channel, streamName }, 'resolving a Smooth ingest channel failed');
    return drop(500, 'the channel could not be resolved');
  }
  if (!resolved.ok) {
    options.log.info({ channel, streamName, status: resolved.status, reason: resolved.reason }, 'Smooth ingest refused');
    return drop(resolved.status, resolved.reason);
  }
  if (req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined) {
    return { status: 200, body: '', close: false };
  }
  return readBody(req, resolved.target, { streamName, secondary, clientAddress }, resolved.log, limits, options.onChunk);
}

function readBody(
  req: IncomingMessage,
  target: IngestTarget,
  { streamName, secondary, clientAddress }: { streamName: string; secondary: boolean; clientAddress: string },
  log: Logger,
  limits: SmoothIngestLimits,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<SmoothPostResult> {
  const parser = new SmoothIngestParser(limits);
  const adapter = new SmoothIngestAdapter(target, streamName, log, { role: secondary ? 'secondary' : 'primary', remoteAddress: clientAddress });
  log.info({ stream: streamName, secondary, encoder: adapter.encoder.id }, 'Smooth ingest stream started');
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number, body: string, reason: string, err?: unknown): void => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      // Keep an 'error' listener: a reset socket must not become an uncaught exception.
      req.on('error', () => {});
      const close = status !== 200;
      if (close) req.pause();
      if (err !== undefined) log.warn({ stream: streamName, status, reason, bytes: parser.bytesReceived, err: err instanceof TributaryError ? undefined : err }, 'Smooth ingest stream failed');
      adapter.end(reason);
      resolve({ status, body, close });
    };
    const fault = (err: unknown): void => {
      if (err instanceof TributaryError && (err.code === 'ERR_MEDIA' || err.code === 'ERR_INGEST_LIMIT')) finish(400, err.message, err.message, err);
      else finish(500, 'an unexpected error ended the stream', 'unexpected error', err);
    };
    const onData = (chunk: Buffer): void => {
      idle.refresh();
      try {
        onChunk?.(chunk);
        for (const e of parser.push(chunk)) adapter.handle(e);
        if (parser.error !== undefined) fault(parser.error);
      } catch (err) {
        fault(err);
      }
    };
    const onEnd = (): void => {
      try {
        const probe = parser.bytesReceived === 0;
        for (const e of parser.end()) adapter.handle(e);
        finish(200, '', probe ? 'empty POST (probe)' : 'the body ended');
      } catch (err) {
        fault(err);
      }
    };
    const onError = (err: Error): void => finish(400, 'the connection failed', `connection error: ${err.message}`);
    const onClose = (): void => finish(400, 'the connection closed before the body ended', 'the connection closed before the body ended');
    const idle = setTimeout(() => {
      const reason = `no data for ${limits.idleTimeoutMs} ms`;
      log.warn({ stream: streamName, bytes: parser.bytesReceived }, `Smooth ingest: ${reason}; the stream is ended`);
      finish(408, reason, reason);
    }, limits.idleTimeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** How long a closing connection may take to drain the response before it is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * Sends a result on node's ServerResponse (fastify: `reply.raw` after `reply.hijack()`). When
 * the body was not read to its end the connection is ended after the response and destroyed
 * shortly after, so an encoder still sending cannot keep it open.
 */
export function sendSmoothResult(res: ServerResponse, result: SmoothPostResult): void {
  if (res.headersSent || res.destroyed) return;
  const body = result.body === '' ? '' : `${result.body}\n`;
  res.writeHead(result.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(result.close ? { connection: 'close' } : {}),
  });
  res.end(body, () => {
    const socket = res.socket;
    if (!result.close || !socket) return;
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  });
}
