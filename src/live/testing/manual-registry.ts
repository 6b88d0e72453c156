import { pino } from 'pino';
import { ManualClock } from '../../model/time.js';
import type { FragmentStore } from '../../store/fragment-store.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import type { AssetLibrary } from '../archive/asset-library.js';
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
export function manualRegistry(o?: Options): ManualRegistry<MemoryFragmentStore>;
export function manualRegistry<S extends FragmentStore>(o: Options & { store: S }): ManualRegistry<S>;
export function manualRegistry(o: Options & { store?: FragmentStore } = {}): ManualRegistry<FragmentStore> {
  const clock = new ManualClock(o.startMs ?? 1_800_000_000_000);
  const store = o.store ?? new MemoryFragmentStore();
  return { clock, store, registry: new LiveRegistry({ store, clock, log: pino({ level: 'silent' }), events: o.events, library: o.library, maxTracksPerChannel: o.maxTracksPerChannel }) };
}

interface Options {
  startMs?: number;
  events?: RecordingEvents;
  /** The asset library a restarted server recovered. */
  library?: AssetLibrary;
  maxTracksPerChannel?: number;
}
