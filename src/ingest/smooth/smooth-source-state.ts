import type { IngestTarget } from '../ingest-target.js';

/**
 * What the channel has taken from one Smooth track source (stream name + track name), shared by
 * every POST that feeds it: a reconnecting encoder's new POST, and a second encoder pushing the
 * same stream at once (Azure fMP4 ingest spec, "Encoder redundancy"). Kept per IngestTarget, so
 * it lives exactly as long as the channel's timeline does.
 */
export interface SmoothSourceState {
  timescale: number;
  /** Encoder time (track timescale) of the newest fragment accepted from any POST. */
  lastTime?: bigint;
  /** Ticks added to encoder times to place them on the channel; set while some POST feeds the source. */
  offset?: bigint;
  /** POSTs feeding this source right now. */
  connections: number;
  /** The track's last sequence number: numbers only ever increase per track. */
  lastSequence: number;
  /** Channel-clock (90 kHz) start of the previous fragment, for SegmentClock.decide. */
  previousStart?: bigint;
}

const states = new WeakMap<IngestTarget, Map<string, SmoothSourceState>>();

/** The state of `source` on `target`; a new timescale (a changed encoder) starts it afresh. */
export function smoothSourceState(target: IngestTarget, source: string, timescale: number): SmoothSourceState {
  let byName = states.get(target);
  if (!byName) states.set(target, (byName = new Map()));
  let state = byName.get(source);
  if (!state || (state.timescale !== timescale && state.connections === 0)) {
    state = { timescale, connections: 0, lastSequence: -1 };
    byName.set(source, state);
  }
  return state;
}
