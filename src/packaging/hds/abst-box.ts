import { ByteWriter } from '../../formats/bytes/byte-writer.js';
import { closeBox, openFullBox, writeFullBox } from '../../formats/mp4/box-writer.js';

/**
 * The HDS bootstrap box `abst` with its segment run table `asrt` and fragment run table `afrt`
 * (Adobe F4V/F4F spec 10.1, Annex "Bootstrap Info box"; field order as read by yt-dlp's
 * f4m.py and written by FFmpeg hdsenc.c). All integers are big-endian, strings NUL-terminated.
 */

export interface SegmentRun {
  firstSegment: number;
  fragmentsPerSegment: number;
}

/**
 * A fragment run: fragments `firstFragment`, `firstFragment + 1`, … each last `duration`
 * timescale units from `firstTimestamp`, until the next run. A duration of 0 marks a
 * discontinuity instead (F4V 10.1: 0 end of presentation, 1 fragment numbering, 2 timestamps, 3 both).
 */
export interface FragmentRun {
  firstFragment: number;
  firstTimestamp: bigint;
  duration: number;
  discontinuity?: number;
}

export interface Bootstrap {
  /** BootstrapinfoVersion: increases whenever the tables change. */
  version: number;
  /** A live presentation: clients refetch the bootstrap to learn of new fragments. */
  live: boolean;
  timescale: number;
  /** Timestamp of the end of the newest fragment, in `timescale` units. */
  currentMediaTime: bigint;
  movieIdentifier: string;
  segmentRuns: SegmentRun[];
  fragmentRuns: FragmentRun[];
}

/** Profile 0 = named, bit 5 = Live, bit 4 = Update (a full table, never an update here). */
const LIVE_FLAG = 0x20;

function cString(w: ByteWriter, text: string): void {
  w.ascii(text).u8(0);
}

export function writeAbst(b: Bootstrap): Uint8Array {
  const w = new ByteWriter(128 + 17 * b.fragmentRuns.length);
  const abst = openFullBox(w, 'abst', 0, 0);
  w.u32(b.version).u8(b.live ? LIVE_FLAG : 0).u32(b.timescale).u64(b.currentMediaTime).u64(0n); // SmpteTimeCodeOffset
  cString(w, b.movieIdentifier);
  w.u8(0); // ServerEntryCount: fragments come from the manifest's base, no server list
  w.u8(0); // QualityEntryCount: one bootstrap per rendition, no quality modifiers
  cString(w, ''); // DrmData
  cString(w, ''); // MetaData
  w.u8(1); // SegmentRunTableCount
  writeFullBox(w, 'asrt', 0, 0, () => {
    w.u8(0); // QualityEntryCount
    w.u32(b.segmentRuns.length);
    for (const s of b.segmentRuns) w.u32(s.firstSegment).u32(s.fragmentsPerSegment);
  });
  w.u8(1); // FragmentRunTableCount
  writeFullBox(w, 'afrt', 0, 0, () => {
    w.u32(b.timescale);
    w.u8(0); // QualityEntryCount
    w.u32(b.fragmentRuns.length);
    for (const f of b.fragmentRuns) {
      w.u32(f.firstFragment).u64(f.firstTimestamp).u32(f.duration);
      if (f.duration === 0) w.u8(f.discontinuity ?? 0);
    }
  });
  closeBox(w, abst);
  return w.finish();
}
