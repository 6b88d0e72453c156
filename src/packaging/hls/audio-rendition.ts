import type { PresentationTrack } from '../../model/presentation.js';
import { playlistPath } from '../playback-path.js';
import type { HlsFormat } from './hls-format.js';
import { quotedString } from './quoted-string.js';

export interface AudioRenditionOptions {
  track: PresentationTrack;
  groupId: string;
  isDefault: boolean;
  format: HlsFormat;
  /** The manifest URL's filters, repeated in the playlist URI. */
  filters?: readonly string[];
}

/**
 * An EXT-X-MEDIA audio rendition (RFC 8216 §4.3.4.1). NAME must be unique in the group, so it
 * is the track id. DEFAULT=YES requires AUTOSELECT=YES; the URI points at the track's own
 * media playlist because fMP4 audio is never muxed into the video.
 */
export function audioRendition(o: AudioRenditionOptions): string {
  const t = o.track.track;
  const attrs = ['TYPE=AUDIO', `GROUP-ID=${quotedString(o.groupId)}`, `NAME=${quotedString(t.id)}`];
  if (t.language) attrs.push(`LANGUAGE=${quotedString(t.language)}`);
  attrs.push(`DEFAULT=${o.isDefault ? 'YES' : 'NO'}`, 'AUTOSELECT=YES');
  if (t.codec.kind === 'aac') attrs.push(`CHANNELS=${quotedString(String(t.codec.channels))}`);
  attrs.push(`URI=${quotedString(playlistPath(t.bitrate, t.id, o.format, o.filters))}`);
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}
