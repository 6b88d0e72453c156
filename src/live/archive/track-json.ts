import type { Track } from '../../model/track.js';

/**
 * A Track as JSON for an asset's manifest: byte arrays (decoder configuration records, SPS,
 * PPS) become `{"base64": …}`, so the file stays readable and round-trips exactly.
 */
export function trackToJson(track: Track): unknown {
  return JSON.parse(JSON.stringify(track, (_key, value: unknown) => (value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value)));
}

export function trackFromJson(json: unknown): Track {
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === 'base64' && typeof o.base64 === 'string') return new Uint8Array(Buffer.from(o.base64, 'base64'));
      return Object.fromEntries(keys.map((k) => [k, revive(o[k])]));
    }
    return value;
  };
  const track = revive(json) as Track;
  if (typeof track?.id !== 'string' || typeof track.version !== 'number' || typeof track.timescale !== 'number' || typeof track.codec?.kind !== 'string') {
    throw new Error('not a track');
  }
  return track;
}
