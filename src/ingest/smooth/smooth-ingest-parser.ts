import { readBoxHeader, isPrintableType, MAX_BOX_HEADER, type BoxHeader } from '../../formats/mp4/box-header.js';
import type { Mp4Box } from '../../formats/mp4/box-reader.js';
import { readMovieTracks, type MovieTrack } from '../../formats/mp4/movie-tracks.js';
import type { SampleDefaults } from '../../formats/mp4/fragment-reader.js';
import { readTrackFragments, type TrackFragment } from '../../formats/mp4/track-fragments.js';
import type { Sample } from '../../model/sample.js';
import { isVideoCodec } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { manifestText, parseLiveServerManifest, type ManifestTrack } from './live-server-manifest.js';
import type { SmoothFragmentEvent, SmoothIngestEvent, SmoothTrack } from './smooth-ingest-event.js';
import { DEFAULT_SMOOTH_INGEST_LIMITS, type SmoothIngestLimits } from './smooth-limits.js';
import { LIVE_SERVER_MANIFEST_UUID, TFXD_UUID } from './smooth-uuids.js';
import { readTfxd } from './tfxd.js';

/** What the parser does with the box it is in. */
interface OpenBox {
  header: BoxHeader;
  /** Stream offset of the box's first byte. */
  start: number;
  /** buffer: collect all of it, then parse; skip: drop bytes as they come; rest: collect until the stream ends (size 0). */
  mode: 'buffer' | 'skip' | 'rest';
  /** Bytes still to drop (skip mode). */
  toSkip: number;
  limit: number;
}

/** Top-level boxes a stream may start with; anything else is not an fMP4 ingest stream. */
const FIRST_BOXES = new Set(['ftyp', 'styp', 'uuid', 'moov', 'free', 'skip']);

/**
 * Incremental parser of a Smooth Streaming live ingest POST body (MS-SSTR §2.2.7 LiveIngest;
 * Azure fMP4 ingest spec; formats.md §2.1): `ftyp`, the Live Server Manifest Box, `moov`, then
 * `moof`+`mdat` pairs, an optional empty `mfra`. `push` takes bytes as they arrive and returns
 * the events they complete; an empty list means "need more bytes" (`needed` says how many at
 * least). Memory is bounded by the limits: a box's size is checked from its header, before any
 * of it is buffered, and skipped boxes are dropped as they pass. A malformed stream throws a
 * TributaryError (ERR_MEDIA, or ERR_INGEST_LIMIT for a limit), after which the parser stays
 * failed; when one push both completes events and hits the fault, the events are returned, `error`
 * is set and the next call throws.
 */
export class SmoothIngestParser {
  private readonly limits: SmoothIngestLimits;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Stream offset of the first buffered byte. */
  private position = 0;
  private open?: OpenBox;
  private boxCount = 0;
  private manifest?: ManifestTrack[];
  private tracks?: Map<number, SmoothTrack>;
  private ignored = new Set<number>();
  private defaults = new Map<number, SampleDefaults>();
  private pendingMoof?: { start: number; fragments: TrackFragment[] };
  private failure?: unknown;
  private finished = false;
  /** At least this many more bytes are needed before the next event can complete. */
  needed = 8;

  constructor(limits: Partial<SmoothIngestLimits> = {}) {
    this.limits = { ...DEFAULT_SMOOTH_INGEST_LIMITS, ...limits };
  }

  /** Bytes received so far. */
  get bytesReceived(): number {
    return this.position + this.buffered;
  }

  /** Bytes held right now (for tests and health: never above the largest limit plus a chunk). */
  get bytesBuffered(): number {
    return this.buffered;
  }

  push(bytes: Uint8Array): SmoothIngestEvent[] {
    this.guard();
    if (this.finished) throw media('bytes after the end of the stream');
    if (bytes.length === 0) return [];
    // A plain Uint8Array view, so that slice() copies (Buffer's slice is a view): sample data and
    // codec configs must not pin the connection's network buffers.
    this.chunks.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.buffered += bytes.length;
    const events: SmoothIngestEvent[] = [];
    try {
      this.run(events);
    } catch (e) {
      // Events completed before the fault are still good: hand them over, fail on the next call.
      if (events.length === 0) this.fail(e);
      this.failure = e;
      this.chunks = [];
      this.buffered = 0;
    }
    return events;
  }

  /** The error that failed the stream, if any (set as soon as it happens; thrown by the next call). */
  get error(): unknown {
    return this.failure;
  }

  /** The body has ended: completes a box that runs to the end, checks nothing is cut off. */
  end(): SmoothIngestEvent[] {
    this.guard();
    if (this.finished) return [];
    const events: SmoothIngestEvent[] = [];
    try {
      const open = this.open;
      if (open?.mode === 'rest') {
        this.open = undefined;
        this.handle(open, this.take(this.buffered), events);
      } else if (open && !(open.mode === 'skip' && open.header.size === undefined)) {
        const got = this.position + this.buffered - open.start;
        throw media(`the stream ended inside '${open.header.type}' at offset ${open.start}: ${got} of ${open.header.size} bytes`);
      } else if (this.buffered > 0) {
        throw media(`the stream ended inside a box header (${this.buffered} bytes at offset ${this.position})`);
      }
      if (this.pendingMoof) throw media(`the stream ended after the moof at offset ${this.pendingMoof.start} without its mdat`);
    } catch (e) {
      this.fail(e);
    }
    this.finished = true;
    events.push({ kind: 'end' });
    return events;
  }

  private guard(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private fail(e: unknown): never {
    this.failure = e;
    this.chunks = [];
    this.buffered = 0;
    throw e;
  }

  private run(events: SmoothIngestEvent[]): void {
    for (;;) {
      if (!this.open) {
        const header = readBoxHeader(this.peek(Math.min(this.buffered, MAX_BOX_HEADER)));
        if (!header) {
          this.needed = Math.max(1, 8 - this.buffered);
          return;
        }
        this.open = this.begin(header);
      }
      const open = this.open;
      if (open.mode === 'skip') {
        const n = Math.min(this.buffered, open.toSkip);
        this.discard(n);
        open.toSkip -= n;
        if (open.header.size === undefined && this.position - open.start > open.limit) throw tooBig(open, this.position - open.start);
        if (open.toSkip > 0) {
          this.needed = open.header.size === undefined ? 1 : open.toSkip;
          return;
        }
        this.open = undefined;
        continue;
      }
      if (open.mode === 'rest') {
        if (this.buffered > open.limit) throw tooBig(open, this.buffered);
        this.needed = 1;
        return;
      }
      const size = open.header.size!;
      if (this.buffered < size) {
        this.needed = size - this.buffered;
        return;
      }
      this.open = undefined;
      this.handle(open, this.take(size), events);
    }
  }

  /** Decides from its header what to do with a box: checked against its limit before buffering. */
  private begin(header: BoxHeader): OpenBox {
    const start = this.position;
    const { type, size } = header;
    if (!isPrintableType(type)) throw media(`no ISO BMFF box at offset ${start} (type bytes ${hex(type)}): not a fragmented MP4 stream`);
    if (this.boxCount++ === 0 && !FIRST_BOXES.has(type)) throw media(`the stream starts with '${type}', not ftyp, the Live Server Manifest Box or moov`);
    let limit: number;
    let keep: boolean;
    if (type === 'moov') [limit, keep] = [this.limits.maxMoovBytes, true];
    else if (type === 'moof') [limit, keep] = [this.limits.maxMoofBytes, true];
    // An mdat without a moof before it carries nothing we can place: skip it.
    else if (type === 'mdat') [limit, keep] = [this.limits.maxMdatBytes, this.pendingMoof !== undefined];
    else if (type === 'uuid' && header.userType === LIVE_SERVER_MANIFEST_UUID) [limit, keep] = [this.limits.maxManifestBytes, true];
    else [limit, keep] = [this.limits.maxOtherBoxBytes, false];
    const open: OpenBox = { header, start, mode: keep ? (size === undefined ? 'rest' : 'buffer') : 'skip', toSkip: size ?? Infinity, limit };
    if (size !== undefined && size > limit) throw tooBig(open, size);
    return open;
  }

  private handle(open: OpenBox, bytes: Uint8Array, events: SmoothIngestEvent[]): void {
    const box: Mp4Box = { type: open.header.type, start: 0, payloadStart: open.header.headerSize, end: bytes.length, bytes };
    if (open.header.userType !== undefined) box.userType = open.header.userType;
    switch (box.type) {
      case 'uuid':
        // The manifest names the tracks the moov that follows defines (Azure: ftyp, manifest, moov).
        if (!this.tracks) this.manifest = parseLiveServerManifest(manifestText(bytes.subarray(box.payloadStart)));
        return;
      case 'moov':
        return this.onMoov(box, events);
      case 'moof':
        if (!this.tracks) throw media(`moof at offset ${open.start} comes before the moov`);
        if (this.pendingMoof) throw media(`moof at offset ${open.start} follows the moof at offset ${this.pendingMoof.start} without an mdat between them`);
        this.pendingMoof = {
          start: open.start,
          fragments: readTrackFragments(box, { moofOffset: open.start, defaults: this.defaults, maxSamples: this.limits.maxSamplesPerFragment }),
        };
        return;
      case 'mdat':
        return this.onMdat(open, bytes, events);
    }
  }

  private onMoov(moov: Mp4Box, events: SmoothIngestEvent[]): void {
    const movie = readMovieTracks(moov);
    if (movie.tracks.length > this.limits.maxTracks) {
      throw new TributaryError('ERR_INGEST_LIMIT', `moov has ${movie.tracks.length} tracks; at most ${this.limits.maxTracks} are accepted in one stream`);
    }
    const ignored: { trackId: number; reason: string }[] = [];
    const supported: MovieTrack[] = [];
    const seen = new Set<number>();
    for (const t of movie.tracks) {
      if (seen.has(t.trackId)) throw media(`moov has two tracks with track_ID ${t.trackId}`);
      seen.add(t.trackId);
      if (t.codec) {
        supported.push(t);
        continue;
      }
      // HEVC without its hvcC (AV1 without its av1C) is still a video the encoder means us to
      // carry: refuse the stream rather than drop it.
      if (['hvc1', 'hev1', 'av01'].includes(t.sampleEntry)) throw media(t.unsupported ?? `${t.sampleEntry} track without its configuration record`);
      ignored.push({ trackId: t.trackId, reason: t.unsupported ?? 'not supported' });
    }
    if (supported.length === 0) throw media(`moov has no H.264, HEVC, AV1 or AAC track (${ignored.map((i) => i.reason).join('; ') || 'no tracks'})`);
    const described = supported.map((t) => this.describe(t, supported));
    // ffmpeg names every video track "video": several renditions in one POST need distinct names.
    const names = new Set<string>();
    const shared = new Set(described.filter((t) => described.some((o) => o !== t && o.name === t.name)).map((t) => t.name));
    for (const t of described) {
      if (shared.has(t.name)) t.name = `${t.name}${t.trackId}`;
      while (names.has(t.name)) t.name = `${t.name}_`;
      names.add(t.name);
    }
    this.tracks = new Map(described.map((t) => [t.trackId, t]));
    this.defaults = movie.defaults;
    this.ignored = new Set(ignored.map((i) => i.trackId));
    events.push({ kind: 'header', tracks: described, ignored });
  }

  /** A track with its SMIL description (matched on trackID, else on order within its type). */
  private describe(t: MovieTrack, supported: readonly MovieTrack[]): SmoothTrack {
    const codec = t.codec!;
    const type = isVideoCodec(codec) ? 'video' : 'audio';
    const manifest = this.manifest ?? [];
    const byOrder = !manifest.some((m) => m.trackId !== undefined);
    const sameType = supported.filter((m) => m.codec!.kind === codec.kind);
    const entry = byOrder ? manifest.filter((m) => m.type === type)[sameType.indexOf(t)] : manifest.find((m) => m.trackId === t.trackId);
    const name = (entry?.trackName ?? '').replace(/_und$/i, '') || `${type}${t.trackId}`;
    const common = { trackId: t.trackId, timescale: t.timescale, bitrate: entry?.bitrate ?? 0, name, language: entry?.language ?? t.language };
    return isVideoCodec(codec) ? { ...common, type: 'video', codec } : { ...common, type: 'audio', codec };
  }

  private onMdat(open: OpenBox, mdat: Uint8Array, events: SmoothIngestEvent[]): void {
    const moof = this.pendingMoof!;
    this.pendingMoof = undefined;
    const dataStart = open.start + open.header.headerSize;
    const dataEnd = open.start + mdat.length;
    for (const f of moof.fragments) {
      const track = this.tracks!.get(f.trackId);
      if (!track) {
        if (this.ignored.has(f.trackId)) continue;
        throw media(`moof at offset ${moof.start} names track_ID ${f.trackId}, which the moov does not define`);
      }
      const event = this.fragment(track, f, mdat, open.start, dataStart, dataEnd, moof.start);
      if (event) events.push(event);
    }
  }

  private fragment(track: SmoothTrack, f: TrackFragment, mdat: Uint8Array, mdatStart: number, dataStart: number, dataEnd: number, moofStart: number): SmoothFragmentEvent | undefined {
    if (f.samples.length === 0) return undefined;
    const where = `track ${track.trackId} fragment (moof at offset ${moofStart})`;
    const tfxdBox = f.extensions.find((b) => b.userType === TFXD_UUID);
    const tfxd = tfxdBox && readTfxd(tfxdBox);
    // Azure: tfxd MUST be in every fragment; tfdt is the ISO fallback other encoders write.
    const decodeTime = tfxd?.time ?? f.baseMediaDecodeTime;
    if (decodeTime === undefined) throw media(`${where} has neither tfxd nor tfdt: its time is unknown`);
    // trex defaults of 0 (what ffmpeg writes) are no duration either when the tfxd has one.
    const missing = f.samples.some((s) => s.duration === undefined) || (tfxd !== undefined && tfxd.duration > 0n && f.samples.every((s) => !s.duration));
    if (missing && tfxd === undefined) throw media(`${where}: samples have no duration in trun, tfhd or trex, and there is no tfxd`);
    // No per-sample durations: share the tfxd fragment duration out evenly, the rest on the last.
    const total = missing ? Number(tfxd!.duration) : 0;
    const share = Math.floor(total / f.samples.length);
    const samples: Sample[] = [];
    let duration = 0;
    for (let i = 0; i < f.samples.length; i++) {
      const s = f.samples[i];
      if (s.offset < dataStart || s.offset + s.size > dataEnd) {
        throw media(`${where}: sample ${i} (${s.size} bytes at offset ${s.offset}) is outside the mdat at ${dataStart}..${dataEnd}`);
      }
      const data = mdat.slice(s.offset - mdatStart, s.offset - mdatStart + s.size);
      if (track.type === 'video' && track.codec.kind !== 'av1') checkNalLengths(data, track.codec.lengthSize, where, i);
      const d = missing ? (i === f.samples.length - 1 ? total - share * i : share) : s.duration!;
      duration += d;
      samples.push({ duration: d, compositionOffset: s.compositionOffset, sync: track.type === 'audio' || s.sync, data });
    }
    return { kind: 'fragment', trackId: track.trackId, decodeTime, duration, samples };
  }

  /** The first `n` buffered bytes as one contiguous view (copies only across chunks). */
  private peek(n: number): Uint8Array {
    if (this.chunks.length === 0) return new Uint8Array(0);
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      const k = Math.min(c.length, n - at);
      out.set(c.subarray(0, k), at);
      at += k;
      if (at === n) break;
    }
    return out;
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    const out = this.peek(n);
    this.discard(n);
    return out;
  }

  private discard(n: number): void {
    this.position += n;
    this.buffered -= n;
    // One splice, not a shift per chunk: byte-by-byte input would make shifts quadratic.
    let drop = 0;
    while (n > 0 && n >= this.chunks[drop].length) n -= this.chunks[drop++].length;
    if (drop > 0) this.chunks.splice(0, drop);
    if (n > 0) this.chunks[0] = this.chunks[0].subarray(n);
  }
}

/** Canonical H.264 samples are length-prefixed NAL units that exactly fill the sample (14496-15 §5.3.2). */
function checkNalLengths(data: Uint8Array, lengthSize: number, where: string, index: number): void {
  let p = 0;
  while (p < data.length) {
    if (p + lengthSize > data.length) throw media(`${where}: sample ${index} ends inside a NAL unit length`);
    let len = 0;
    for (let i = 0; i < lengthSize; i++) len = len * 256 + data[p + i];
    p += lengthSize + len;
    if (p > data.length) throw media(`${where}: sample ${index} has a NAL unit of ${len} bytes that runs past its end`);
  }
}

function media(what: string): TributaryError {
  return new TributaryError('ERR_MEDIA', `Smooth ingest: ${what}`);
}

function tooBig(open: OpenBox, size: number): TributaryError {
  const name = open.header.userType === LIVE_SERVER_MANIFEST_UUID ? 'Live Server Manifest Box' : `'${open.header.type}' box`;
  return new TributaryError('ERR_INGEST_LIMIT', `Smooth ingest: the ${name} at offset ${open.start} is ${size} bytes; the limit is ${open.limit}`, {
    box: open.header.type,
    size,
    limit: open.limit,
  });
}

const hex = (type: string) => [...type].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
