import type { IngestTarget } from '../ingest-target.js';

/**
 * What the channel has taken from one Smooth track source (stream name + track name) through one
 * ingest URL (primary or secondary), shared by the POSTs that follow each other on it: after a
 * TCP error the encoder reconnects to the same URL and resends the last 2 fragments of every
 * track (Azure fMP4 ingest spec, failover rules). Kept per IngestTarget, so it lives exactly as
 * long as the channel's timeline does. Primary and secondary are kept apart: their encoders'
 * clocks are the channel's business (it places and de-duplicates redundant encoders).
 */
export interface SmoothSourceState {
  timescale: number;
  /** Encoder time (track timescale) of the newest fragment accepted from any POST. */
  lastTime?: bigint;
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
