import type { ChannelState } from './channel.js';
import type { ProgramState } from './program.js';

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
