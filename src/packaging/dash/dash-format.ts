/** The DASH flavours of the playback URL scheme (CONTRACT §4). */
export type DashFormat = 'mpd-time-csf' | 'mpd-time-cmaf';

/**
 * MPD@profiles: ISO 23009-1 §8.4 live profile for both; mpd-time-cmaf also claims the CMAF
 * profile (ISO 23009-1 §8.12, DASH-IF IOP), which our one-track-per-file fMP4 satisfies.
 */
export function dashProfiles(format: DashFormat): string {
  const live = 'urn:mpeg:dash:profile:isoff-live:2011';
  return format === 'mpd-time-cmaf' ? `${live},urn:mpeg:dash:profile:cmaf:2019` : live;
}
