// Heap bytes per archived fragment of the in-memory index (one TimelineEntry per fragment per
// track, held by an asset's TrackTimeline), measured directly: fill six timelines (a 3-rendition
// ladder, video + audio each) with as many 2 s entries as `--hours` of archive makes, the way
// AssetArchive.append builds them (a copy of the ingested entry), and compare heapUsed after a
// full GC. Also the cost of one cached Presentation over them (buildPresentation slices entries).
//
//   node --expose-gc dist/bench/timeline-entry-heap.js [--hours 25]
import { buildPresentation } from '../src/live/presentation-builder.js';
import { TrackTimeline } from '../src/live/track-timeline.js';
import type { TimelineEntry } from '../src/model/timeline.js';
import type { Track } from '../src/model/track.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hoursArg = process.argv.indexOf('--hours');
const hours = hoursArg >= 0 ? Number(process.argv[hoursArg + 1]) : 25;
const FRAGMENT_SEC = 2;
const perTrack = Math.round((hours * 3600) / FRAGMENT_SEC);

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function track(id: string, type: 'video' | 'audio', timescale: number): Track {
  return { id, version: 0, type, codec: { codec: type === 'video' ? 'h264' : 'aac' } as unknown as Track['codec'], timescale, bitrate: 1_000_000, group: id };
}

const before = heap();
const timelines: TrackTimeline[] = [];
for (const h of [1080, 720, 480]) {
  for (const [type, timescale] of [['video', 90_000], ['audio', 48_000]] as const) {
    const t = new TrackTimeline(track(`${type}_${h}`, type, timescale));
    for (let i = 0; i < perTrack; i++) {
      // As ingested (decodeTime from a rescale, so a fresh BigInt each), then copied by the archive.
      const ingested: TimelineEntry = { decodeTime: BigInt(i) * BigInt(FRAGMENT_SEC * timescale), duration: FRAGMENT_SEC * timescale, sequence: i, trackVersion: 0, discontinuity: false, byteLength: 500_000 + (i % 1000) };
      t.append({ ...ingested, sequence: ingested.sequence + 1, trackVersion: 0, discontinuity: ingested.discontinuity || false });
    }
    timelines.push(t);
  }
}
const filled = heap();
const presentation = buildPresentation({ availabilityStartTime: 0, targetSegmentMs: 2000, version: 1, snapshotTime: 0, timelines }, { ended: true });
const withPresentation = heap();
const entries = perTrack * timelines.length;
console.log(`${hours} h of 2 s fragments, 6 tracks: ${entries} entries`);
console.log(`index heap: ${((filled - before) / 1e6).toFixed(1)} MB = ${((filled - before) / entries).toFixed(1)} B per entry`);
console.log(`one cached presentation over it: ${((withPresentation - filled) / 1e6).toFixed(1)} MB = ${((withPresentation - filled) / entries).toFixed(1)} B per entry (${presentation.tracks.length} tracks)`);
