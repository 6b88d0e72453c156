import { readFragment } from '../../formats/mp4/fragment-reader.js';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { writeAbst } from '../../packaging/hds/abst-box.js';
import type { ElementaryFragment } from '../../model/elementary-fragment.js';
import { muxF4fFragment } from '../../packaging/hds/f4f-fragment.js';
import { hdsBootstrap } from '../../packaging/hds/hds-bootstrap.js';
import { HDS_SEGMENT, type HdsRequest } from '../../packaging/hds/hds-path.js';
import { findHdsStream } from '../../packaging/hds/hds-streams.js';
import type { FragmentStore } from '../../store/fragment-store.js';
import type { PlaybackSource } from './playback-source.js';

/** The abst is served as binary: OSMF fails on other types (FFmpeg hdsenc.c). */
export const BOOTSTRAP_TYPE = 'binary/octet';
export const F4F_TYPE = 'video/f4f';

/** The bootstrap of the rendition an HDS URL names; undefined means 404. */
export function hdsBootstrapBody(p: Presentation, r: Extract<HdsRequest, { kind: 'bootstrap' }>): Uint8Array | undefined {
  const stream = findHdsStream(p, r.bitrate, r.trackId);
  return stream && stream.main.entries.length > 0 ? writeAbst(hdsBootstrap(p, stream)) : undefined;
}

/**
 * An HDS fragment, made on request from the stored CMAF fragments (one stored copy for every
 * format). Fragment `n` of a rendition is the video fragment with sequence `n` muxed with the
 * paired audio fragment of the same sequence, as for MPEG-TS (segment-responder.ts): the
 * fragmenter cuts audio where its video cuts. Undefined means 404.
 */
export async function hdsFragmentBody(
  store: FragmentStore,
  source: PlaybackSource,
  r: Extract<HdsRequest, { kind: 'fragment' }>,
  /** The tracks the request's filters keep: the audio is paired among them. */
  pairWithin: Presentation = source.presentation,
): Promise<Uint8Array | undefined> {
  const stream = findHdsStream(pairWithin, r.bitrate, r.trackId);
  if (!stream || r.segment !== HDS_SEGMENT) return undefined;
  const video = stream.video && (await load<H264Config>(store, source, stream.video, r.fragment));
  const audio = stream.audio && (await load<AacConfig>(store, source, stream.audio, r.fragment));
  if (!(stream.video ? video : audio)) return undefined;
  return muxF4fFragment({ video, audio });
}

async function load<C>(store: FragmentStore, source: PlaybackSource, pt: PresentationTrack, sequence: number): Promise<ElementaryFragment<C> | undefined> {
  const entry = pt.entries.find((e) => e.sequence === sequence);
  if (!entry) return undefined;
  const bytes = await store.getFragment({ namespace: source.namespace, trackId: pt.track.id, decodeTime: entry.decodeTime });
  if (!bytes) return undefined;
  const track = pt.versions.get(entry.trackVersion) ?? pt.track;
  if (track.codec.kind !== 'h264' && track.codec.kind !== 'aac') return undefined;
  return { config: track.codec as C, timescale: track.timescale, decodeTime: entry.decodeTime, samples: readFragment(bytes).samples };
}
