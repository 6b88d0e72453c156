/**
 * Why a live Smooth fragment request may be held: dash.js (src/mss/MssFragmentMoofProcessor.js
 * processTfrf) grows its SegmentTimeline only from entry[0] of the tfrf in each fragment it
 * downloads, never re-reads a live manifest (MssParser sets ignorePostponeTimePeriod) and never
 * downloads a fragment twice. A fragment served while it is still the newest one carries an empty
 * tfrf (MS-SSTR §2.2.4.5 allows it), and the player's timeline then ends there for good: video
 * stops being appended and playback stalls. Holding back fragments in the manifest (the IIS
 * LookAhead pattern) does not prevent it: a player that downloads faster than real time (the
 * burst after a quality switch in a young stream, when it starts close to the live edge) still
 * reaches the newest fragment. So the origin answers such a request once a successor exists,
 * as an LL-HLS blocking playlist reload waits for its part, and gives up after about one
 * fragment duration (the encoder may have stopped), serving the empty tfrf then.
 */
export interface HoldOptions<T> {
  /** The current answer; `undefined` ends the hold (e.g. the fragment no longer resolves). */
  initial: T;
  /** True once `value` can be served (its tfrf announces a successor, or the presentation ended). */
  ready(value: T): boolean;
  /** A fresh answer from a new presentation snapshot. */
  refresh(): Promise<T>;
  /** Longest hold in milliseconds. */
  maxWaitMs: number;
  /** Pause between snapshots; defaults to 100 ms (a tenth of a typical fragment or less). */
  pollMs?: number;
}

export async function holdForSuccessor<T>(o: HoldOptions<T>): Promise<T> {
  const pollMs = o.pollMs ?? 100;
  let value = o.initial;
  // Counted in polls, not read from a clock: the wait is a real-time pause whatever the server clock says.
  for (let waited = 0; !o.ready(value) && waited < o.maxWaitMs; waited += pollMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    value = await o.refresh();
  }
  return value;
}
