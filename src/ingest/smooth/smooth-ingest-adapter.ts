import type { Logger } from 'pino';
import { fragmentDuration, type Fragment } from '../../model/fragment.js';
import type { Sample } from '../../model/sample.js';
import { rescale } from '../../model/time.js';
import type { Track } from '../../model/track.js';
import type { EncoderInfo, IngestTarget } from '../ingest-target.js';
import { CHANNEL_TIMESCALE } from '../segment-clock.js';
import type { SmoothFragmentEvent, SmoothHeaderEvent, SmoothIngestEvent, SmoothTrack } from './smooth-ingest-event.js';
import { smoothSourceState, type SmoothSourceState } from './smooth-source-state.js';

/**
 * A fragment more than this far (in seconds) before the newest one taken from its source is not
 * a resend (Azure resends the last 2 fragments, at most 2 × 6 s) but an encoder that restarted
 * its clock: the source starts afresh.
 */
const RESTART_BEHIND_S = 30n;

/**
 * A fragment shorter than its track's previous one by more than this (ms) may be the one an
 * encoder flushes, cut short, as it stops; fit-fragment's tolerance absorbs smaller differences.
 */
const SHORTER_THAN_USUAL_MS = 50n;

interface OpenTrack {
  info: SmoothTrack;
  source: string;
  track: Track;
  state: SmoothSourceState;
  /** Duration (track ticks) of the previous fragment taken from this POST. */
  lastDuration?: bigint;
  /** A short fragment kept back until the POST goes on (then listed) or ends (see `end`). */
  held?: Fragment;
}

export interface SmoothIngestStats {
  fragments: number;
  /** Fragments not after the newest one of their source: the resends of a reconnecting encoder. */
  resent: number;
  /** Fragments dropped whole because they lie before the channel's media time 0. */
  beforeStart: number;
}

let connections = 0;

/**
 * Translates one Smooth ingest POST (parser events) into the neutral model, the sibling of
 * RtmpPublishAdapter. Smooth fragments arrive already cut, so there is no fragmenter: each one
 * becomes a Fragment as it is.
 *
 * - Track ids: each track is its own source, `{streamName}_{trackName}`, so several POSTs and
 *   several tracks per POST (ffmpeg's two renditions plus audio, formats.md §7.2) get distinct
 *   ids that stay the same across reconnects; the POST's stream name is their group.
 * - Placement: the POST is one encoder (EncoderInfo, protocol 'fmp4'); it joins the channel's
 *   timeline once, by its stream name, at its first fragment, and all its tracks share the
 *   offset. A placement to align is snapped onto the channel's cuts at the first video
 *   fragment (which starts on a key frame).
 * - Time: Smooth times are absolute encoder times (10 MHz by default, MS-SSTR §2.2.4.4). A track
 *   keeps its own timescale; the channel's offset (whole milliseconds) is added converted into
 *   it, which is exact for every timescale that is a multiple of 1000 (10 MHz, 90 kHz, 48 kHz,
 *   32 kHz, 24 kHz, 16 kHz, 8 kHz). For 44.1 kHz and 22.05 kHz it is exact when the offset is a
 *   multiple of 10 ms (20 ms for 22.05 kHz, 40 ms for 11.025 kHz) and otherwise rounds to the
 *   nearest tick (under 23 µs), the same for all of the track's fragments.
 * - Sequence numbers: every fragment start is a cut; the channel's SegmentClock gives fragments
 *   of all renditions that start at one instant (within its tolerance) the same number.
 * - Resends: after a TCP error the encoder reconnects to the same URL and resends the last 2
 *   fragments of each track (Azure fMP4 ingest spec); a fragment whose encoder time is not after
 *   the newest one taken from its source on that URL is ignored.
 * - Cut-short fragments: an encoder that stops (ffmpeg on SIGTERM) first flushes the fragment
 *   it has begun. A redundant partner delivers that fragment whole, and listing the short copy
 *   would leave a gap before the partner's next one. Nothing in the fragment says it is the
 *   last, so a fragment clearly shorter than its track's previous one is kept back until the
 *   POST goes on (a genuinely short fragment: listed then) or ends: the encoder then leaves the
 *   channel first, as an RTMP publisher does before flushing, and the channel lists the short
 *   fragment only if no partner carries the stream.
 * - Times before the channel's media time 0 (ffmpeg's first AAC fragment starts at −213333,
 *   the priming) lose their leading samples up to 0 (video: up to a sync sample).
 */
export class SmoothIngestAdapter {
  private readonly tracks = new Map<number, OpenTrack>();
  private placement?: { offsetMs: number; align: boolean; discontinuity: boolean };
  private readonly offsets = new Map<number, bigint>();
  private ended = false;
  private joined = false;
  readonly stats: SmoothIngestStats = { fragments: 0, resent: 0, beforeStart: 0 };
  readonly encoder: EncoderInfo;

  constructor(
    private readonly target: IngestTarget,
    private readonly streamName: string,
    private readonly log: Logger,
    encoder?: Partial<EncoderInfo>,
  ) {
    this.encoder = { id: `fmp4-${streamName}-${++connections}`, role: 'primary', remoteAddress: '', protocol: 'fmp4', ...encoder };
  }

  handle(event: SmoothIngestEvent): void {
    if (this.ended) return;
    if (event.kind === 'header') this.onHeader(event);
    else if (event.kind === 'fragment') this.onFragment(event);
    else this.end('the encoder ended the stream');
  }

  /** The POST is over (body ended, error, timeout): the encoder leaves the channel. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const t of this.tracks.values()) t.state.connections--;
    if (this.joined) this.target.leave(this.streamName, this.encoder.id);
    for (const t of this.tracks.values()) this.release(t);
    this.log.info({ stream: this.streamName, encoder: this.encoder.id, reason, ...this.stats }, 'Smooth ingest stream ended');
  }

  private onHeader(event: SmoothHeaderEvent): void {
    for (const { trackId, reason } of event.ignored) this.log.warn({ stream: this.streamName, trackId, reason }, 'Smooth ingest track ignored');
    for (const info of event.tracks) {
      const source = `${this.streamName}_${info.name}`;
      const track = this.target.declareTrack({
        source,
        group: this.streamName,
        type: info.type,
        codec: info.codec,
        timescale: info.timescale,
        bitrate: info.bitrate,
        ...(info.language && info.language !== 'und' ? { language: info.language } : {}),
      });
      const open = this.tracks.get(info.trackId);
      if (open && open.source === source && open.info.timescale === info.timescale) {
        // A moov again in the same POST: a new configuration is a new track version.
        open.info = info;
        open.track = track;
        continue;
      }
      if (open) {
        open.state.connections--;
        this.release(open);
      }
      const state = smoothSourceState(this.target, `${source}|${this.encoder.role}`, info.timescale);
      if (state.timescale !== info.timescale) {
        this.log.warn({ source, timescale: info.timescale, other: state.timescale }, 'another POST feeds this track with a different timescale; this one is ignored');
        this.tracks.delete(info.trackId);
        continue;
      }
      state.connections++;
      this.tracks.set(info.trackId, { info, source, track, state });
      this.offsets.delete(info.trackId);
    }
  }

  private onFragment(e: SmoothFragmentEvent): void {
    const t = this.tracks.get(e.trackId);
    if (!t) return;
    const st = t.state;
    const timescale = t.info.timescale;
    if (st.lastTime !== undefined && e.decodeTime <= st.lastTime) {
      const restarted = st.connections === 1 && e.decodeTime < st.lastTime - RESTART_BEHIND_S * BigInt(timescale);
      if (!restarted) {
        this.stats.resent++;
        this.log.debug({ source: t.source, time: String(e.decodeTime), newest: String(st.lastTime) }, 'resent Smooth fragment ignored');
        return;
      }
      this.log.info({ source: t.source, time: String(e.decodeTime), newest: String(st.lastTime) }, 'encoder clock went back: the track starts afresh');
    }
    st.lastTime = e.decodeTime;
    const offset = this.offsetFor(t, e);
    const kept = fromZero(e.decodeTime + offset, e.samples, t.info.type === 'video');
    if (!kept) {
      this.stats.beforeStart++;
      return;
    }
    const time = rescale(kept.decodeTime, timescale, CHANNEL_TIMESCALE);
    const { cut, sequence } = this.target.segmentClock.decide(st.previousStart, time, st.lastSequence);
    // Smooth fragments are already cut: when the clock would not cut here (a fragment shorter
    // than the channel's key frame interval), the fragment still needs the next number.
    const seq = cut ? sequence : st.lastSequence + 1;
    st.previousStart = time;
    st.lastSequence = seq;
    this.stats.fragments++;
    const fragment = { trackId: t.track.id, trackVersion: t.track.version, sequence: seq, decodeTime: kept.decodeTime, samples: kept.samples, discontinuity: this.placement!.discontinuity };
    // The POST goes on: a fragment kept back was not a flush on the way out.
    this.release(t);
    const duration = BigInt(fragmentDuration(kept.samples));
    const short = t.lastDuration !== undefined && duration < t.lastDuration - (SHORTER_THAN_USUAL_MS * BigInt(timescale)) / 1000n;
    t.lastDuration = duration;
    if (short) t.held = fragment;
    else this.target.addFragment(fragment, this.encoder.id);
  }

  private release(t: OpenTrack): void {
    if (!t.held) return;
    this.target.addFragment(t.held, this.encoder.id);
    t.held = undefined;
  }

  /** The track's offset in its own ticks; the first fragment of the POST places the encoder. */
  private offsetFor(t: OpenTrack, e: SmoothFragmentEvent): bigint {
    const timescale = t.info.timescale;
    if (!this.placement) {
      const p = this.target.joinTimeline(this.streamName, Number(rescale(e.decodeTime, timescale, 1000)), this.encoder);
      this.joined = true;
      this.placement = { offsetMs: p.offsetMs, align: p.align, discontinuity: p.discontinuity };
    }
    if (this.placement.align && t.info.type === 'video') {
      // A redundant encoder placed at the live edge: its first key frame (a Smooth video
      // fragment starts on one) snaps onto the cut the other encoder made there.
      const keyFrameMs = Number(rescale(e.decodeTime, timescale, 1000)) + this.placement.offsetMs;
      this.placement = { ...this.placement, offsetMs: this.placement.offsetMs + this.target.alignToCut(this.encoder.id, keyFrameMs), align: false };
      this.offsets.clear();
    }
    let offset = this.offsets.get(t.info.trackId);
    if (offset === undefined) {
      offset = rescale(BigInt(this.placement.offsetMs), 1000, timescale);
      this.offsets.set(t.info.trackId, offset);
    }
    return offset;
  }
}

/** Drops leading samples that start before media time 0 (video: until a sync sample). */
function fromZero(decodeTime: bigint, samples: Sample[], video: boolean): { decodeTime: bigint; samples: Sample[] } | undefined {
  let t = decodeTime;
  let i = 0;
  while (i < samples.length && (t < 0n || (i > 0 && video && !samples[i].sync))) t += BigInt(samples[i++].duration);
  if (i === samples.length) return undefined;
  return i === 0 ? { decodeTime, samples } : { decodeTime: t, samples: samples.slice(i) };
}
