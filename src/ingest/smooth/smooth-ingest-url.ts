/** The parts of a Smooth ingest URL (CONTRACT §3). */
export interface SmoothIngestUrl {
  channel: string;
  token: string;
  streamName: string;
  /** `ingest-secondary.isml`: the second (redundant) ingest point of the channel. */
  secondary: boolean;
}

/** Channel names (catalog/names.ts): lowercase letters, digits, inner hyphens, up to 32. */
const CHANNEL = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
/** Access tokens as the catalog accepts them (catalog/channel.ts ACCESS_TOKEN_PATTERN). */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
/** Stream names: Azure refuses special characters and spaces (azure.md §8a). */
const STREAM = /^[A-Za-z0-9_.-]{1,64}$/;
const PATH = /^\/ingest\/([^/]+)\/([^/]+)\/(ingest|ingest-secondary)\.isml\/streams\(([^()/]*)\)$/i;

/**
 * Parses `/ingest/{channel}/{accessToken}/ingest.isml/Streams({streamName})` and the
 * `ingest-secondary.isml` form (CONTRACT §3; MS-SSTR's `{pp}.isml/Streams({id})`, azure.md §8b).
 * `Streams` is matched in any case (Azure's own examples write `streams(…)`); a query string is
 * ignored; anything else, including percent-escapes and the `Events()` noun Azure forbids, is
 * refused with a status and a reason: 404 for a path that is no ingest point or no channel name,
 * 403 for a malformed token (the same answer as a wrong one), 404 for a bad stream name (like any
 * malformed path parameter: it names no stream that could exist). The
 * channel's own token check is the resolver's.
 */
export function parseSmoothIngestUrl(url: string): { ok: true; value: SmoothIngestUrl } | { ok: false; status: 403 | 404; reason: string } {
  const path = url.split('?')[0];
  const m = PATH.exec(path);
  if (!m) return { ok: false, status: 404, reason: 'not a Smooth ingest URL: expected /ingest/{channel}/{accessToken}/ingest.isml/Streams({streamName})' };
  const [, channel, token, point, streamName] = m;
  if (!CHANNEL.test(channel)) return { ok: false, status: 404, reason: `channel name "${clip(channel)}" is not a valid name` };
  if (!TOKEN.test(token)) return { ok: false, status: 403, reason: 'the access token is not valid for this channel' };
  if (!STREAM.test(streamName)) return { ok: false, status: 404, reason: `stream name "${clip(streamName)}" must be 1–64 letters, digits, '_', '.' or '-'` };
  return { ok: true, value: { channel, token, streamName, secondary: point.toLowerCase() === 'ingest-secondary' } };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s).replace(/[^\x20-\x7e]/g, '?');
