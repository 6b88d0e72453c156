import type { Fragment } from '../model/fragment.js';
import type { TrackType } from '../model/track.js';

export interface TrackEnd {
  /** Where the track's listed timeline ends (track timescale), undefined when it is empty. */
  end: bigint | undefined;
  /** Version of the last listed fragment. */
  lastVersion: number | undefined;
  type: TrackType;
  timescale: number;
}

export type Fit =
  /** Already covered by what is listed: a redundant encoder's copy, or a reconnect's resend. */
  | { kind: 'duplicate' }
  | { kind: 'append'; fragment: Fragment; discontinuity: boolean; shiftedBy: bigint };

/** A start within this much of the end continues the timeline (encoders' clocks jitter). */
const CONTINUITY_TOLERANCE_MS = 50n;

/**
 * Places an incoming fragment on its track's timeline so that the timeline stays ordered and,
 * wherever the input allows, gapless:
 * - a fragment that starts within a small tolerance of the end is moved onto the end, so two
 *   encoders taking turns (failover) or an audio clock re-anchored by a millisecond leave no gap
 *   and no overlap;
 * - a fragment that starts earlier is already covered (the same fragment from the other
 *   encoder, or the fragments an encoder resends after reconnecting): video is dropped whole
 *   (it must start on its sync sample), audio keeps only the samples past the end;
 * - a later start is a gap: listed with a discontinuity, as is a new track version.
 */
export function fitFragment(f: Fragment, t: TrackEnd): Fit {
  if (t.end === undefined) return { kind: 'append', fragment: f, discontinuity: false, shiftedBy: 0n };
  const tolerance = (CONTINUITY_TOLERANCE_MS * BigInt(t.timescale)) / 1000n;
  let fragment = f;
  if (f.decodeTime < t.end - tolerance) {
    if (t.type === 'video') return { kind: 'duplicate' };
    const kept = dropAudioBefore(f, t.end);
    if (!kept) return { kind: 'duplicate' };
    fragment = kept;
  }
  const start = fragment.decodeTime;
  const contiguous = start >= t.end - tolerance && start <= t.end + tolerance;
  const fitted = contiguous ? { ...fragment, decodeTime: t.end } : fragment;
  const discontinuity = !contiguous || fragment.trackVersion !== t.lastVersion;
  return { kind: 'append', fragment: fitted, discontinuity, shiftedBy: fitted.decodeTime - f.decodeTime };
}

/** The fragment without the samples whose middle lies before `end`, or undefined if none is left. */
function dropAudioBefore(f: Fragment, end: bigint): Fragment | undefined {
  let t = f.decodeTime;
  let i = 0;
  while (i < f.samples.length && t + BigInt(f.samples[i].duration >> 1) <= end) t += BigInt(f.samples[i++].duration);
  if (i === f.samples.length) return undefined;
  return { ...f, decodeTime: t, samples: f.samples.slice(i) };
}
