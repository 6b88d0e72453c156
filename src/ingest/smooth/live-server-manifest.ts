import { TributaryError } from '../../util/errors.js';

/** One `<video>` or `<audio>` element of the Live Server Manifest's SMIL. */
export interface ManifestTrack {
  type: 'video' | 'audio';
  /** `trackID`: the moov track_ID it describes, when given. */
  trackId?: number;
  /** `systemBitrate` in bits per second, when given and positive. */
  bitrate?: number;
  trackName?: string;
  /** `FourCC`: H264, AVC1, AACL, AACH… */
  fourCC?: string;
  /** `systemLanguage`. */
  language?: string;
}

/** At most this many track elements are read: more than any encoder sends in one stream. */
const MAX_TRACK_ELEMENTS = 64;

/**
 * Reads the SMIL document of a Live Server Manifest Box (MS-SSTR §2.2.7.2; Azure fMP4 ingest;
 * formats.md §2.1), which ffmpeg writes as `<video systemBitrate="…"><param name="trackID"
 * value="1"/>…</video>`. A small tolerant scanner rather than an XML parser: it walks tags once
 * (linear in the input, which the caller bounds), accepts either quote style, any case of names,
 * attributes on the element as well as `<param>` children, and ignores everything else
 * (comments, `<textstream>`, unknown params). Bad XML never throws; it just yields less.
 */
export function parseLiveServerManifest(smil: string): ManifestTrack[] {
  const tracks: ManifestTrack[] = [];
  let current: { type: 'video' | 'audio'; values: Map<string, string> } | undefined;
  for (const tag of scanTags(smil)) {
    const name = tag.name.toLowerCase();
    if ((name === 'video' || name === 'audio') && !tag.closing) {
      if (current) tracks.push(toTrack(current.type, current.values));
      current = { type: name, values: new Map(tag.attributes) };
      if (tag.selfClosing) {
        tracks.push(toTrack(current.type, current.values));
        current = undefined;
      }
    } else if ((name === 'video' || name === 'audio') && tag.closing) {
      if (current) tracks.push(toTrack(current.type, current.values));
      current = undefined;
    } else if (name === 'param' && current && !tag.closing) {
      const key = tag.attributes.get('name');
      const value = tag.attributes.get('value');
      if (key !== undefined && value !== undefined) current.values.set(key.toLowerCase(), value);
    }
    if (tracks.length >= MAX_TRACK_ELEMENTS) break;
  }
  if (current && tracks.length < MAX_TRACK_ELEMENTS) tracks.push(toTrack(current.type, current.values));
  return tracks;
}

/** The SMIL text of a Live Server Manifest Box payload (after its uuid header): FullBox, then UTF-8. */
export function manifestText(payload: Uint8Array): string {
  if (payload.length < 4) throw new TributaryError('ERR_MEDIA', 'Live Server Manifest Box: shorter than its FullBox header');
  return new TextDecoder('utf-8', { fatal: false }).decode(payload.subarray(4)).replace(/\0+$/, '');
}

function toTrack(type: 'video' | 'audio', v: Map<string, string>): ManifestTrack {
  const t: ManifestTrack = { type };
  const trackId = integer(v.get('trackid'));
  if (trackId !== undefined) t.trackId = trackId;
  const bitrate = integer(v.get('systembitrate'));
  if (bitrate !== undefined && bitrate > 0) t.bitrate = bitrate;
  const trackName = v.get('trackname')?.trim();
  if (trackName) t.trackName = trackName;
  const fourCC = v.get('fourcc')?.trim();
  if (fourCC) t.fourCC = fourCC;
  const language = v.get('systemlanguage')?.trim();
  if (language) t.language = language;
  return t;
}

function integer(s: string | undefined): number | undefined {
  if (s === undefined || !/^\s*\d{1,15}\s*$/.test(s)) return undefined;
  return Number(s);
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Attribute names lowercased; values with entities decoded. */
  attributes: Map<string, string>;
}

/** Yields the tags of a markup string in order, skipping comments, declarations and text. */
function* scanTags(s: string): Generator<Tag> {
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) return;
      i = end + 3;
      continue;
    }
    if (s[lt + 1] === '?' || s[lt + 1] === '!') {
      const end = s.indexOf('>', lt + 2);
      if (end < 0) return;
      i = end + 1;
      continue;
    }
    let p = lt + 1;
    const closing = s[p] === '/';
    if (closing) p++;
    const nameStart = p;
    while (p < s.length && /[A-Za-z0-9_:.-]/.test(s[p])) p++;
    const name = s.slice(nameStart, p).replace(/^.*:/, '');
    const attributes = new Map<string, string>();
    let selfClosing = false;
    // Attributes: name = "value" | 'value' | bare; stops at '>' outside quotes.
    while (p < s.length && s[p] !== '>') {
      const c = s[p];
      if (c === '/' ) {
        selfClosing = true;
        p++;
        continue;
      }
      if (/\s/.test(c)) {
        p++;
        continue;
      }
      const attrStart = p;
      while (p < s.length && !/[\s=>/]/.test(s[p])) p++;
      const attr = s.slice(attrStart, p).toLowerCase();
      while (p < s.length && /\s/.test(s[p])) p++;
      if (s[p] !== '=') {
        if (attr) attributes.set(attr, '');
        if (p === attrStart) p++;
        continue;
      }
      p++;
      while (p < s.length && /\s/.test(s[p])) p++;
      let value: string;
      const q = s[p];
      if (q === '"' || q === "'") {
        const end = s.indexOf(q, p + 1);
        if (end < 0) return;
        value = s.slice(p + 1, end);
        p = end + 1;
      } else {
        const valueStart = p;
        while (p < s.length && !/[\s>]/.test(s[p])) p++;
        value = s.slice(valueStart, p);
      }
      if (attr) attributes.set(attr, decodeEntities(value));
    }
    if (p >= s.length) return;
    if (name) yield { name, closing, selfClosing, attributes };
    i = p + 1;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(v: string): string {
  return v.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e] ?? m;
  });
}
