import type { ChannelState } from './channel.js';
import type { ProgramState } from './program.js';
import type { StreamingEndpointState } from './streaming-endpoint.js';

/**
 * A long-running action: allowed only `from` these states, it holds the transient `during` state
 * while the runtime works (which makes a concurrent second request a 409), then lands on `done`,
 * or on `failed` when the runtime refuses. A failed stop returns to Running so it can be retried.
 */
export interface Action<S extends string> {
  from: readonly S[];
  during: S;
  done: S;
  failed: S;
}

export type ActionName = 'start' | 'stop';

export const CHANNEL_ACTIONS: Record<ActionName, Action<ChannelState>> = {
  start: { from: ['Stopped'], during: 'Starting', done: 'Running', failed: 'Stopped' },
  stop: { from: ['Running'], during: 'Stopping', done: 'Stopped', failed: 'Running' },
};

export const PROGRAM_ACTIONS: Record<ActionName, Action<ProgramState>> = {
  start: { from: ['Stopped'], during: 'Starting', done: 'Running', failed: 'Stopped' },
  stop: { from: ['Running'], during: 'Stopping', done: 'Stopped', failed: 'Running' },
};

export type StreamingEndpointActionName = 'start' | 'stop' | 'scale';

/**
 * Scaling is a transient state of a Running endpoint: it returns to Running whether or not the
 * runtime accepted the new unit count (the count is recorded only when it did). `default` is
 * always Running; the catalog refuses its stop before this table is consulted.
 */
export const STREAMING_ENDPOINT_ACTIONS: Record<StreamingEndpointActionName, Action<StreamingEndpointState>> = {
  start: { from: ['Stopped'], during: 'Starting', done: 'Running', failed: 'Stopped' },
  stop: { from: ['Running'], during: 'Stopping', done: 'Stopped', failed: 'Running' },
  scale: { from: ['Running'], during: 'Scaling', done: 'Running', failed: 'Running' },
};
