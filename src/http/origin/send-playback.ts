import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseByteRange } from './byte-range.js';
import { httpDate, notModified, strongEtag } from './http-validators.js';
import type { CachedManifest } from './manifest-cache.js';

export interface PlaybackBytes {
  bytes: Uint8Array;
  type: string;
  cacheControl: string;
  /** What determines the bytes (scope, time line, request path): the ETag is its digest. */
  identity: string;
  lastModifiedMs?: number;
}

/**
 * A segment, init segment or fragment: strong ETag and Last-Modified with 304s, and single
 * byte ranges (206, 416) for players and CDNs that fetch parts (RFC 9110 §13, §14).
 */
export function sendPlaybackBytes(req: FastifyRequest, reply: FastifyReply, r: PlaybackBytes): void {
  const length = r.bytes.byteLength;
  const etag = strongEtag(`${r.identity}|${length}`);
  reply.header('cache-control', r.cacheControl).header('etag', etag).header('accept-ranges', 'bytes').type(r.type);
  if (r.lastModifiedMs !== undefined) reply.header('last-modified', httpDate(r.lastModifiedMs));
  if (notModified(req.headers, etag, r.lastModifiedMs)) {
    reply.code(304).send();
    return;
  }
  const body = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, length);
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseByteRange(req.headers.range, length) : undefined;
  if (range === 'unsatisfiable') {
    reply
      .code(416)
      .header('content-range', `bytes */${length}`)
      .header('cache-control', 'no-store')
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Range Not Satisfiable', status: 416, detail: `the body has ${length} bytes`, code: 'ERR_RANGE' });
    return;
  }
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${length}`).send(body.subarray(range.start, range.end + 1));
    return;
  }
  reply.send(body);
}

export interface ManifestResponse {
  type: string;
  cacheControl: string;
  lastModifiedMs: number;
  /** If-Modified-Since has one-second resolution: trust it only for content that no longer changes. */
  settled: boolean;
}

/**
 * A manifest from the cache: ETag (a different one for the gzip encoding, RFC 9110 §8.8.3),
 * Last-Modified, 304s, and gzip when the client accepts it, compressed once per version.
 */
export function sendManifest(req: FastifyRequest, reply: FastifyReply, m: CachedManifest, o: ManifestResponse): void {
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const etag = gzip ? `${m.etag.slice(0, -1)}-gz"` : m.etag;
  reply
    .header('cache-control', o.cacheControl)
    .header('etag', etag)
    .header('last-modified', httpDate(o.lastModifiedMs))
    .header('vary', 'Accept-Encoding')
    .type(o.type);
  if (notModified(req.headers, etag, o.settled ? o.lastModifiedMs : undefined)) {
    reply.code(304).send();
    return;
  }
  if (!gzip) {
    reply.send(m.body);
    return;
  }
  m.gzip ??= gzipSync(m.body);
  reply.header('content-encoding', 'gzip').send(m.gzip);
}

/** `gzip` listed in Accept-Encoding with a non-zero q (RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}
