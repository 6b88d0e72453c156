import type { CodecConfig } from '../../model/codec.js';
import type { TrackType } from '../../model/track.js';
import { TributaryError } from '../../util/errors.js';
import { readBoxes, requireBox } from './box-reader.js';
import type { SampleDefaults } from './fragment-reader.js';
import { readMovieTracks } from './movie-tracks.js';

export interface InitSegmentInfo {
  trackId: number;
  type: TrackType;
  timescale: number;
  /** ISO 639-2/T code from mdhd ('und' when unspecified). */
  language: string;
  codec: CodecConfig;
  /** trex defaults, to pass to readFragment. */
  defaults: SampleDefaults;
}

/**
 * Reads the one track of a CMAF init segment (ftyp + moov): enough to check or reuse one. The
 * moov is read by readMovieTracks, which any movie goes through; this insists on a single
 * track the origin can carry.
 */
export function readInitSegment(bytes: Uint8Array): InitSegmentInfo {
  const { tracks, defaults } = readMovieTracks(requireBox(readBoxes(bytes), 'moov', 'init segment'));
  const track = tracks[0];
  if (!track) throw new TributaryError('ERR_MEDIA', 'init segment: moov has no trak');
  if (track.handler !== 'vide' && track.handler !== 'soun') throw new TributaryError('ERR_MEDIA', `init segment: handler '${track.handler}' is not vide or soun`);
  if (!track.codec) throw new TributaryError('ERR_MEDIA', `init segment: ${track.unsupported ?? 'no codec'}`);
  return {
    trackId: track.trackId,
    type: track.handler === 'vide' ? 'video' : 'audio',
    timescale: track.timescale,
    language: track.language,
    codec: track.codec,
    defaults: defaults.get(track.trackId) ?? [...defaults.values()][0] ?? {},
  };
}
