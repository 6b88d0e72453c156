import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { muxTsSegment } from '../../formats/mpegts/ts-segment-muxer.js';
import type { AacConfig, NalVideoCodecConfig } from '../../model/codec.js';
import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import type { Sample } from '../../model/sample.js';
import type { Track } from '../../model/track.js';
import { findEntry, type TimelineEntry } from '../../model/timeline.js';
import { findTrack } from '../../packaging/hls/find-track.js';
import { carriedInMpegTs } from '../../packaging/hls/carried-in-mpeg-ts.js';
import { pairedAudioTrack } from '../../packaging/hls/paired-audio-track.js';
import type { FragmentStore } from '../../store/fragment-store.js';
import type { PlaybackSource } from './playback-source.js';

export interface SegmentBody {
  body: Uint8Array;
  contentType: string;
}

interface Loaded {
  pt: PresentationTrack;
  entry: TimelineEntry;
  bytes: Uint8Array;
}

/**
 * A CMAF fragment is served as stored; an MPEG-TS segment is muxed on request from the video
 * fragment and the fragment of its paired audio with the same sequence number (the fragmenter
 * cuts audio where its video cuts, so both cover the same span). A track the TS muxer cannot
 * carry has no TS segments.
 */
export async function segmentBody(
  store: FragmentStore,
  source: PlaybackSource,
  trackId: string,
  decodeTime: bigint,
  ts: boolean,
  /** The tracks the request's filters keep: a TS segment pairs its video with audio among them. */
  pairWithin: Presentation = source.presentation,
): Promise<SegmentBody | undefined> {
  const pt = findTrack(source.presentation, trackId);
  const i = pt ? findEntry(pt.entries, decodeTime) : -1;
  if (!pt || i < 0) return undefined;
  const own = await load(store, source, pt, pt.entries[i]);
  if (!own) return undefined;
  if (!ts) return { body: own.bytes, contentType: pt.track.type === 'video' ? 'video/mp4' : 'audio/mp4' };
  if (!carriedInMpegTs(trackVersion(own).codec)) return undefined;

  let video: Loaded | undefined = own;
  let audio: Loaded | undefined;
  if (pt.track.type === 'audio') {
    [video, audio] = [undefined, own];
  } else {
    const paired = pairedAudioTrack(pairWithin, trackId);
    const entry = paired?.entries.find((e) => e.sequence === own.entry.sequence);
    if (paired && entry) audio = await load(store, source, paired, entry);
  }
  const body = muxTsSegment({ video: video && elementary<NalVideoCodecConfig>(video), audio: audio && elementary<AacConfig>(audio) });
  return { body, contentType: 'video/mp2t' };
}

async function load(store: FragmentStore, source: PlaybackSource, pt: PresentationTrack, entry: TimelineEntry): Promise<Loaded | undefined> {
  const bytes = await store.getFragment({ namespace: source.namespace, trackId: pt.track.id, decodeTime: entry.decodeTime });
  return bytes && { pt, entry, bytes };
}

function elementary<C>(l: Loaded): { config: C; timescale: number; decodeTime: bigint; samples: Sample[] } {
  const track = trackVersion(l);
  return { config: track.codec as C, timescale: track.timescale, decodeTime: l.entry.decodeTime, samples: readFragment(l.bytes).samples };
}

/** The track as it was when the loaded fragment was stored (its codec may have changed since). */
function trackVersion(l: Loaded): Track {
  return l.pt.versions.get(l.entry.trackVersion) ?? l.pt.track;
}
