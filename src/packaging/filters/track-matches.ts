import { codecString } from '../../codecs/codec-string.js';
import { iso639_2 } from '../../formats/mp4/language.js';
import type { TrackCondition, TrackSelection } from '../../model/manifest-filter.js';
import type { Track } from '../../model/track.js';

/** Whether a filter's track selections keep `track`: no selection keeps everything. */
export function trackMatches(selections: readonly TrackSelection[] | undefined, track: Track): boolean {
  if (!selections || selections.length === 0) return true;
  return selections.some((s) => s.trackSelections.every((c) => conditionHolds(c, track)));
}

function conditionHolds(c: TrackCondition, track: Track): boolean {
  const equal = propertyEquals(c, track);
  return c.operation === 'Equal' ? equal : !equal;
}

function propertyEquals(c: TrackCondition, track: Track): boolean {
  const value = c.value.toLowerCase();
  switch (c.property) {
    case 'Type':
      return track.type === value;
    case 'Name':
      return track.id.toLowerCase() === value;
    case 'Language':
      return languageMatches(track.language, value);
    case 'FourCC':
      return fourCcs(track).has(value);
    case 'Bitrate': {
      const [min, max] = bitrateRange(value);
      return track.bitrate >= min && track.bitrate <= max;
    }
  }
}

/**
 * RFC 4647 §3.3.1 basic filtering: `en` matches `en` and `en-US`. Encoders give ISO 639-2 codes
 * too (an mdhd or SMIL language: `eng`), so primary subtags are compared as their three-letter
 * codes first: `fr` matches `fra` and `fra` matches `fr-CA`. `und` names an untagged track.
 */
function languageMatches(language: string | undefined, range: string): boolean {
  const tag = normalizeLanguage(language ?? 'und');
  const wanted = normalizeLanguage(range);
  return tag === wanted || tag.startsWith(`${wanted}-`);
}

function normalizeLanguage(tag: string): string {
  const [primary, ...rest] = tag.toLowerCase().split(/[-_]/);
  const code = iso639_2(primary);
  return [code === 'und' && primary !== 'und' ? primary : code, ...rest].join('-');
}

/** The sample entry code and its equivalents: HEVC is named hvc1 in fMP4 and hev1 in TS. */
function fourCcs(track: Track): Set<string> {
  const code = codecString(track.codec).slice(0, 4).toLowerCase();
  return code === 'hvc1' || code === 'hev1' ? new Set(['hvc1', 'hev1']) : new Set([code]);
}

/** `min-max` or a single value, as validated by the catalog. */
export function bitrateRange(value: string): [number, number] {
  const [a, b] = value.split('-');
  return [Number(a), Number(b ?? a)];
}
