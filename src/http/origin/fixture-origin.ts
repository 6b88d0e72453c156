import Fastify from 'fastify';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { writeFragment } from '../../formats/mp4/fragment-writer.js';
import type { ManifestFilter } from '../../model/manifest-filter.js';
import type { Presentation } from '../../model/presentation.js';
import { systemClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { registerOrigin } from './origin-routes.js';
import type { PlaybackSource } from './playback-source.js';

/** The locator path prefix the fixture origin answers under. */
export const FIXTURE_BASE = '/0f8fad5b-d9cb-469f-a165-70867728950e/show.ism/';

/**
 * For tests: the real origin over a memory store, serving a golden presentation (live by
 * default) whose sequence-12 fragments of video_720 and audio_720 are stored, so that segments
 * of every format can be requested (entries[2] of each track). `filters` are the source's named
 * filters (as an asset's) and the defaults a locator applies.
 */
export async function fixtureOrigin(p: Presentation = livePresentation(), filters?: { byName: Map<string, ManifestFilter>; defaults?: string[] }) {
  const store = new MemoryFragmentStore();
  const video = p.tracks.find((t) => t.track.id === 'video_720')!.entries[2];
  const audio = p.tracks.find((t) => t.track.id === 'audio_720')!.entries[2];
  const frame = (sync: boolean, duration: number) => ({ duration, compositionOffset: 0, sync, data: Uint8Array.of(0, 0, 0, 1, sync ? 0x65 : 0x41) });
  await store.putFragment({ namespace: 'ns', trackId: 'video_720', decodeTime: video.decodeTime }, writeFragment({ sequenceNumber: 12, decodeTime: video.decodeTime, trackType: 'video', samples: [frame(true, 90000), frame(false, 90000)] }));
  await store.putFragment({ namespace: 'ns', trackId: 'audio_720', decodeTime: audio.decodeTime }, writeFragment({ sequenceNumber: 12, decodeTime: audio.decodeTime, trackType: 'audio', samples: [frame(true, 1024)] }));
  const app = Fastify();
  const source: PlaybackSource = { presentation: p, namespace: 'ns', cacheScope: 'locator:x' };
  if (filters) {
    source.filter = (name) => filters.byName.get(name);
    source.defaultFilters = filters.defaults;
  }
  registerOrigin(app, {
    resolver: { byLocator: async () => ({ ok: true, source }), preview: async () => ({ ok: false, reason: 'no preview' }) },
    store,
    clock: systemClock,
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: FIXTURE_BASE + path, headers });
  return { app, get, video, audio, presentation: p };
}
