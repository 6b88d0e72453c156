import type { Presentation } from '../../model/presentation.js';
import { rescale } from '../../model/time.js';
import { entryTimescale } from './entry-timescale.js';

/** An EXTINF as a client reads it: the 3-decimal value we print, rounded half up to seconds. */
export function roundedExtinfSeconds(duration: number, timescale: number): number {
  const ms = Number(rescale(BigInt(duration), timescale, 1000));
  return Math.floor((ms + 500) / 1000);
}

/**
 * EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1): every EXTINF rounded to the nearest integer must
 * be ≤ it. Starts from the channel's key frame interval (ceiling) so it does not move with
 * ordinary jitter (formats.md §0 rule 7: it must never change on a live stream).
 *
 * It is taken over every track, not only the one being rendered, because bis §6.2.4 wants the
 * same TARGETDURATION in all media playlists of a presentation; an audio segment of 96256
 * ticks at 48 kHz (2.005 s) still rounds to 2.
 */
export function targetDuration(p: Presentation): number {
  let td = Math.max(1, Math.ceil(p.targetSegmentMs / 1000));
  for (const pt of p.tracks) {
    for (const e of pt.entries) {
      td = Math.max(td, roundedExtinfSeconds(e.duration, entryTimescale(pt, e)));
    }
  }
  return td;
}
