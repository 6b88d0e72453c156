import { pino } from 'pino';
import { ManualClock } from '../../model/time.js';
import type { FragmentStore } from '../../store/fragment-store.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { LiveRegistry, type RecordingEvents } from '../live-registry.js';

export interface ManualRegistry<S extends FragmentStore> {
  clock: ManualClock;
  store: S;
  registry: LiveRegistry;
}

/**
 * A LiveRegistry over a real store (memory unless one is given) whose clock the test moves by
 * hand (Clock in model/time.ts), starting at `startMs`, with logging off.
 */
export function manualRegistry(o?: { startMs?: number; events?: RecordingEvents }): ManualRegistry<MemoryFragmentStore>;
export function manualRegistry<S extends FragmentStore>(o: { store: S; startMs?: number; events?: RecordingEvents }): ManualRegistry<S>;
export function manualRegistry(o: { store?: FragmentStore; startMs?: number; events?: RecordingEvents } = {}): ManualRegistry<FragmentStore> {
  const clock = new ManualClock(o.startMs ?? 1_800_000_000_000);
  const store = o.store ?? new MemoryFragmentStore();
  return { clock, store, registry: new LiveRegistry({ store, clock, log: pino({ level: 'silent' }), events: o.events }) };
}
