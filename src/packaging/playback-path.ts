/**
 * The Azure Media Services playback URL scheme, below `/{locator}/{manifestName}.ism/`:
 *
 *   manifest(format=m3u8-aapl)                                        top-level manifest
 *   QualityLevels(3000000)/Manifest(video_720,format=m3u8-aapl)       HLS media playlist
 *   QualityLevels(3000000)/Fragments(video_720=180000,format=…).m4s  segment at decode time
 *   QualityLevels(3000000)/Fragments(video_720=i0,format=…).mp4      init segment, track version 0
 *
 * Segment names end in a file extension (`.ts`, `.m4s`, `.mp4`) that Azure's did not have:
 * ffmpeg (and the tools built on it) refuse HLS segments whose URL has no known media
 * extension. Requests without the extension are still accepted, so Azure-era URLs keep working.
 *
 * Every URL a manifest contains is relative to the `.ism/` directory (or to `QualityLevels(…)/`
 * for a media playlist), so the origin works behind any proxy or CDN.
 */

export const FORMATS = ['m3u8-aapl', 'm3u8-aapl-v3', 'm3u8-cmaf', 'mpd-time-csf', 'mpd-time-cmaf', 'f4m-f4f', 'smooth'] as const;
export type Format = (typeof FORMATS)[number];

export interface ManifestOptions {
  format: Format;
  filters: string[];
  audioOnly: boolean;
}

export type PlaybackRequest =
  | { kind: 'manifest'; options: ManifestOptions }
  | { kind: 'playlist'; bitrate: number; trackId: string; options: ManifestOptions }
  | { kind: 'init'; bitrate: number; trackId: string; trackVersion: number; options: ManifestOptions }
  /** `info`: Smooth's FragmentInfo(…), the moof without its mdat (MS-SSTR §2.2.6). */
  | { kind: 'segment'; bitrate: number; trackId: string; decodeTime: bigint; options: ManifestOptions; info?: boolean };

export type ParseResult = { ok: true; request: PlaybackRequest } | { ok: false; reason: string };

const TRACK_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_PATH = 512;

/** Parses `key=value,key=value` option text; the first bare word (no `=`) is returned apart. */
function parseOptions(text: string): { options: ManifestOptions; bare: string[]; pairs: Map<string, string> } | string {
  const options: ManifestOptions = { format: 'smooth', filters: [], audioOnly: true };
  const bare: string[] = [];
  const pairs = new Map<string, string>();
  if (text === '') return { options, bare, pairs };
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      bare.push(part);
      continue;
    }
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'format') {
      if (!(FORMATS as readonly string[]).includes(value) || value === 'smooth') return `unknown format "${value}"`;
      options.format = value as Format;
    } else if (key === 'filter') {
      options.filters = value.split(';').filter((f) => f !== '');
    } else if (key === 'audio-only') {
      if (value !== 'true' && value !== 'false') return `audio-only must be true or false`;
      options.audioOnly = value === 'true';
    } else {
      pairs.set(key, value);
    }
  }
  return { options, bare, pairs };
}

/** Parses the path below `{manifestName}.ism/` (already URL-decoded). */
export function parsePlaybackPath(path: string): ParseResult {
  if (path.length > MAX_PATH) return { ok: false, reason: 'path too long' };
  const lower = path.toLowerCase();
  if (lower === 'manifest' || lower.startsWith('manifest(')) {
    const m = /^manifest(?:\(([^()]*)\))?$/i.exec(path);
    if (!m) return { ok: false, reason: 'malformed manifest options' };
    const parsed = parseOptions(m[1] ?? '');
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    return { ok: true, request: { kind: 'manifest', options: parsed.options } };
  }
  const m = /^QualityLevels\((\d{1,10})\)\/(Manifest|Fragments|FragmentInfo)\(([^()]*)\)(?:\.(?:ts|m4s|mp4))?$/i.exec(path);
  if (!m) return { ok: false, reason: 'unknown playback path' };
  const bitrate = Number(m[1]);
  const parsed = parseOptions(m[3]);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const { options, bare, pairs } = parsed;
  if (m[2].toLowerCase() === 'manifest') {
    if (bare.length !== 1 || !TRACK_ID.test(bare[0]) || pairs.size > 0) return { ok: false, reason: 'malformed playlist path' };
    return { ok: true, request: { kind: 'playlist', bitrate, trackId: bare[0], options } };
  }
  if (bare.length !== 0 || pairs.size !== 1) return { ok: false, reason: 'malformed fragment path' };
  const [[trackId, value]] = [...pairs];
  if (!TRACK_ID.test(trackId)) return { ok: false, reason: 'malformed track name' };
  const init = /^i(\d{1,6})$/.exec(value);
  if (init) return { ok: true, request: { kind: 'init', bitrate, trackId, trackVersion: Number(init[1]), options } };
  if (!/^\d{1,20}$/.test(value)) return { ok: false, reason: 'malformed fragment time' };
  const info = m[2].toLowerCase() === 'fragmentinfo';
  return { ok: true, request: { kind: 'segment', bitrate, trackId, decodeTime: BigInt(value), options, ...(info ? { info } : {}) } };
}

function formatSuffix(format: Format): string {
  return format === 'smooth' ? '' : `,format=${format}`;
}

/** `manifest(format=…)`, relative to the `.ism/` directory. */
export function manifestPath(format: Format): string {
  return format === 'smooth' ? 'manifest' : `manifest(format=${format})`;
}

/** `,filter=a;b`: the URL's filters, carried from a manifest into the playlists it names. */
export function filterSuffix(filters: readonly string[] = []): string {
  return filters.length === 0 ? '' : `,filter=${filters.join(';')}`;
}

/** Media playlist path relative to the `.ism/` directory. */
export function playlistPath(bitrate: number, trackId: string, format: Format, filters?: readonly string[]): string {
  return `QualityLevels(${bitrate})/Manifest(${trackId}${formatSuffix(format)}${filterSuffix(filters)})`;
}

/**
 * Segment file name relative to its `QualityLevels(…)/` directory. Only muxed segments (MPEG-TS)
 * carry the URL's filters: which audio they mux depends on them. Every other segment is the same
 * bytes whatever the filters, so its URL is too, and caches share it.
 */
export function segmentName(trackId: string, decodeTime: bigint | string, format: Format, filters?: readonly string[]): string {
  // Smooth clients build fragment URLs from the manifest's template themselves, without one.
  const extension = format === 'smooth' ? '' : format === 'm3u8-aapl' || format === 'm3u8-aapl-v3' ? '.ts' : '.m4s';
  return `Fragments(${trackId}=${decodeTime}${formatSuffix(format)}${filterSuffix(filters)})${extension}`;
}

/** Init segment file name relative to its `QualityLevels(…)/` directory. */
export function initName(trackId: string, trackVersion: number | string, format: Format): string {
  return `Fragments(${trackId}=i${trackVersion}${formatSuffix(format)}).mp4`;
}
