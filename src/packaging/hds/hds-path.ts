import { filterSuffix } from '../playback-path.js';

/**
 * HDS URLs below `{manifestName}.ism/`, in the Azure shape of playback-path.ts:
 *
 *   manifest(format=f4m-f4f)                                         the f4m (playback-path.ts)
 *   QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f)        live bootstrap (abst)
 *   QualityLevels(3000000)/Fragments(video_720,format=f4m-f4f)/Seg1-Frag12   fragment 12
 *
 * HDS clients do not take fragment URLs from the manifest: they append `Seg<n>-Frag<m>` to the
 * media element's url (F4M 1.0 §"media"; yt-dlp f4m.py builds `base_url.path + 'Seg%d-Frag%d'`),
 * so media@url is the `Fragments(…)/` directory ending in a slash. Fragment numbers are the
 * presentation's channel-wide sequence numbers, so every rendition numbers a cut alike.
 */

export const HDS_FORMAT = 'f4m-f4f';

export type HdsRequest =
  | { kind: 'bootstrap'; bitrate: number; trackId: string; filters: string[] }
  | { kind: 'fragment'; bitrate: number; trackId: string; segment: number; fragment: number; filters: string[] };

const TRACK = '([A-Za-z0-9_.-]{1,64})';
const FILTERS = '(?:,filter=([a-z0-9;-]{1,200}))?';
const BOOTSTRAP = new RegExp(`^QualityLevels\\((\\d{1,10})\\)/Bootstrap\\(${TRACK},format=${HDS_FORMAT}${FILTERS}\\)$`, 'i');
const FRAGMENT = new RegExp(`^QualityLevels\\((\\d{1,10})\\)/Fragments\\(${TRACK},format=${HDS_FORMAT}${FILTERS}\\)/Seg(\\d{1,10})-Frag(\\d{1,10})$`, 'i');

/** Parses an HDS bootstrap or fragment path (already URL-decoded); undefined for anything else. */
export function parseHdsPath(path: string): HdsRequest | undefined {
  const b = BOOTSTRAP.exec(path);
  if (b) return { kind: 'bootstrap', bitrate: Number(b[1]), trackId: b[2], filters: names(b[3]) };
  const f = FRAGMENT.exec(path);
  if (f) return { kind: 'fragment', bitrate: Number(f[1]), trackId: f[2], filters: names(f[3]), segment: Number(f[4]), fragment: Number(f[5]) };
  return undefined;
}

function names(list: string | undefined): string[] {
  return (list ?? '').split(';').filter((f) => f !== '');
}

/** The live bootstrap URL, relative to the `.ism/` directory, with the manifest URL's filters. */
export function bootstrapPath(bitrate: number, trackId: string, filters?: readonly string[]): string {
  return `QualityLevels(${bitrate})/Bootstrap(${trackId},format=${HDS_FORMAT}${filterSuffix(filters)})`;
}

/**
 * media@url: the prefix a client appends `Seg<n>-Frag<m>` to, relative to the `.ism/` directory.
 * Fragments mux video with audio, so, as MPEG-TS segments, they carry the URL's filters.
 */
export function mediaUrlPrefix(bitrate: number, trackId: string, filters?: readonly string[]): string {
  return `QualityLevels(${bitrate})/Fragments(${trackId},format=${HDS_FORMAT}${filterSuffix(filters)})/`;
}

/** The one segment HDS fragments are grouped in (the segment run table lists a single run). */
export const HDS_SEGMENT = 1;

export function fragmentName(fragment: number): string {
  return `Seg${HDS_SEGMENT}-Frag${fragment}`;
}
