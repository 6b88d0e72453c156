import { createHash } from 'node:crypto';

/**
 * A strong entity tag (RFC 9110 §8.8.3) for content fully determined by `identity`: a digest,
 * so that no path, token or name leaks into the header and the tag has a fixed size.
 */
export function strongEtag(identity: string): string {
  return `"${createHash('sha1').update(identity).digest('base64url')}"`;
}

/** IMF-fixdate (RFC 9110 §5.6.7), as Last-Modified wants it. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/**
 * Whether a conditional GET may answer 304 (RFC 9110 §13.1.2, §13.1.3, §13.2.2): If-None-Match
 * decides when present (weak comparison, `*` matches); otherwise If-Modified-Since, only when
 * the caller trusts its one-second resolution (content that cannot change within a second).
 */
export function notModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  etag: string,
  lastModifiedMs: number | undefined,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || lastModifiedMs === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}
