/**
 * Sample flags (ISO 14496-12 §8.8.3.1): reserved(4) is_leading(2) sample_depends_on(2)
 * sample_is_depended_on(2) sample_has_redundancy(2) padding(3) sample_is_non_sync_sample(1)
 * degradation_priority(16).
 */

/** depends_on = 2 (independent), sync. Key frames and every audio frame. */
export const SYNC_SAMPLE_FLAGS = 0x02000000;
/** depends_on = 1 (depends on others), is_non_sync_sample = 1. Non-key video frames. */
export const NON_SYNC_SAMPLE_FLAGS = 0x01010000;
const IS_NON_SYNC = 0x00010000;

export function sampleFlags(sync: boolean): number {
  return sync ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS;
}

/** Whether flags mark a sync sample: the non-sync bit is clear. */
export function isSyncFlags(flags: number): boolean {
  return (flags & IS_NON_SYNC) === 0;
}
