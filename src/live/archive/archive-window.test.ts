import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { Presentation } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import { renderMpd } from '../../packaging/dash/mpd.js';
import { msToXsDuration } from '../../packaging/dash/xs-duration.js';
import { renderMediaPlaylist } from '../../packaging/hls/media-playlist.js';
import { renderMultivariantPlaylist } from '../../packaging/hls/multivariant-playlist.js';
import { parsePlaybackPath, type PlaybackRequest } from '../../packaging/playback-path.js';
import { resolveSmoothFragment } from '../../packaging/smooth/resolve-smooth-fragment.js';
import { renderSmoothManifest, SMOOTH_LOOKAHEAD } from '../../packaging/smooth/smooth-manifest.js';
import { smoothDuration, toSmoothTime } from '../../packaging/smooth/smooth-time.js';
import { assertGolden } from '../../../test/golden/golden-file.js';
import { checkMediaPlaylist, checkMultivariantPlaylist, checkWellFormedXml, mpdSegmentRequests, parseStreamIndexes } from '../../../test/golden/manifest-checks.js';
import type { LiveChannel } from '../live-channel.js';
import { manualRegistry } from '../testing/manual-registry.js';
import { SyntheticEncoder, type SyntheticRendition } from '../testing/synthetic-encoder.js';
import { assetNamespace } from './asset-archive.js';

/*
 * The DVR window of a program, end to end below HTTP: a synthetic two-rendition RTMP encoder
 * (720p and 360p H.264 with AAC on the 720p publish, 2 s GOPs) publishes through the real
 * ingest adapter into a LiveRegistry over the memory store, with a hand-moved clock; a program
 * records with the contract's smallest archive window, 5 minutes (CONTRACT §2). Every manifest
 * format is rendered from the asset's presentation, exactly as the origin does, and compared
 * with golden files (test/golden/window/, UPDATE_GOLDEN=1 rewrites them) at five moments:
 *
 *   start                  0–20 s: fewer fragments than the window holds
 *   sliding-discontinuity  at 340 s: slid 40 s; the encoder's reconnect (gone 60–70 s) inside
 *   sliding                at 400 s: the reconnect slid out (DISCONTINUITY-SEQUENCE 1)
 *   stopped                the program stopped at 400 s: on demand, the last window
 *   restarted              the program started again at 420 s, appending after a gap
 *
 * Besides the golden files, the arithmetic is computed here from the fragments the channel
 * committed (a listener of its own), and checked after every 2 s cut of the run: the asset
 * lists exactly the fragments the window holds, its store holds exactly those, and no HLS
 * segment changes its media sequence or discontinuity sequence number between two reloads
 * (RFC 8216 §6.2.2), across the stop and the restart too.
 */

const AST = Date.UTC(2025, 0, 1, 12, 0, 0);
const WINDOW_MS = 5 * 60_000;
const CUT_MS = 2000;
const VIDEO_TIMESCALE = 90000;
const LADDER: SyntheticRendition[] = [
  { stream: 'cam720', size: '720p', videoKbps: 1500, audioKbps: 96 },
  { stream: 'cam360', size: '360p', videoKbps: 600 },
];
const TRACKS = ['video_cam720', 'video_cam360', 'audio_cam720'] as const;
const UTC_TIMING = [{ scheme: 'urn:mpeg:dash:utc:http-iso:2014', value: 'http://origin.test/time' }];
const ASSET = 'show';
const NS = assetNamespace(ASSET);

/** A fragment the channel committed while the program recorded it, as the asset should list it. */
interface Recorded {
  trackId: string;
  entry: TimelineEntry;
}

interface HlsSegment {
  uri: string;
  /** Media sequence number: EXT-X-MEDIA-SEQUENCE plus the position (RFC 8216 §6.2.1). */
  msn: number;
  /** Discontinuity sequence number: EXT-X-DISCONTINUITY-SEQUENCE plus the tags before it (§6.2.2). */
  dsn: number;
  discontinuity: boolean;
}

/** Reads a media playlist the way a client does. */
function hlsSegments(text: string): { mediaSequence: number; discontinuitySequence: number; segments: HlsSegment[] } {
  const lines = text.trimEnd().split('\n');
  const tag = (name: string) => Number(lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1) ?? 0);
  const mediaSequence = tag('#EXT-X-MEDIA-SEQUENCE');
  const discontinuitySequence = tag('#EXT-X-DISCONTINUITY-SEQUENCE');
  const segments: HlsSegment[] = [];
  let dsn = discontinuitySequence;
  let discontinuity = false;
  for (const line of lines) {
    if (line === '#EXT-X-DISCONTINUITY') {
      dsn++;
      discontinuity = true;
    } else if (line !== '' && !line.startsWith('#')) {
      segments.push({ uri: line, msn: mediaSequence + segments.length, dsn, discontinuity });
      discontinuity = false;
    }
  }
  return { mediaSequence, discontinuitySequence, segments };
}

const tagOf = (xml: string, element: string) => new RegExp(`<${element}[^>]*>`).exec(xml)![0];
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const videoSeconds = (entries: readonly TimelineEntry[]) => entries.map((e) => Number(e.decodeTime) / VIDEO_TIMESCALE);
const entriesOf = (p: Presentation, id: string) => p.tracks.find((t) => t.track.id === id)!.entries;
const parse = (path: string): PlaybackRequest => {
  const r = parsePlaybackPath(path);
  assert.ok(r.ok, path);
  return r.request;
};

/**
 * The program under test and what the test knows independently of the archive: every fragment
 * the channel committed, which of them the program recorded (a session starts at the first cut
 * none of whose fragments was committed before it, and an append numbers on from the last
 * sequence archived), and the HLS numbering a client last saw.
 */
class WindowScenario {
  readonly fixture = manualRegistry({ startMs: AST });
  readonly recorded: Recorded[] = [];
  private committedSequence = -1;
  private session?: { firstCut: number; offset: number; started: Set<string> };
  private encoder?: { encoder: SyntheticEncoder; mediaAtConnect: number };
  private readonly seen = new Map<string, Map<string, HlsSegment>>();

  get registry() {
    return this.fixture.registry;
  }
  get store() {
    return this.fixture.store;
  }
  get live(): LiveChannel {
    return this.registry.channel('ch')!;
  }

  async start(): Promise<void> {
    await this.registry.startChannel('ch', CUT_MS, AST);
    this.live.subscribe({
      onFragment: async (track, entry) => {
        this.committedSequence = Math.max(this.committedSequence, entry.sequence);
        const s = this.session;
        if (!s || entry.sequence < s.firstCut) return;
        const previous = this.recorded.filter((r) => r.trackId === track.id).at(-1)?.entry;
        const end = previous && previous.decodeTime + BigInt(previous.duration);
        const gap = !s.started.has(track.id) && end !== undefined && entry.decodeTime !== end;
        s.started.add(track.id);
        this.recorded.push({ trackId: track.id, entry: { ...entry, sequence: entry.sequence + s.offset, discontinuity: entry.discontinuity || gap } });
      },
      onStoreError: (err) => assert.fail(String(err)),
    });
  }

  async startProgram(): Promise<void> {
    const archived = this.recorded.map((r) => r.entry.sequence);
    const firstCut = this.committedSequence + 1;
    this.session = { firstCut, offset: archived.length === 0 ? 0 : Math.max(...archived) + 1 - firstCut, started: new Set() };
    await this.registry.startProgram('ch', 'show-program', ASSET, WINDOW_MS);
  }

  async stopProgram(): Promise<void> {
    await this.registry.stopProgram('ch', 'show-program');
    this.session = undefined;
  }

  /** An encoder (re)connects now; its timestamps start at 0. */
  connect(id: string): void {
    const now = this.fixture.clock.now();
    this.encoder = { encoder: new SyntheticEncoder(this.live, this.fixture.clock, LADDER, pino({ level: 'silent' }), id), mediaAtConnect: now - AST };
  }

  /** The encoder stops just before the key frame at `mediaMs`: its last GOP is flushed. */
  async disconnectAt(mediaMs: number): Promise<void> {
    const { encoder, mediaAtConnect } = this.encoder!;
    encoder.sendUntil(mediaMs - mediaAtConnect);
    encoder.end();
    await this.live.drain();
    await this.checkInvariants();
  }

  /**
   * Publishes up to channel media time `mediaMs` (a cut), one cut at a time, a few frames past
   * each so that its audio fragment is complete too, checking the invariants at every cut.
   */
  async publishUntil(mediaMs: number): Promise<void> {
    const { encoder, mediaAtConnect } = this.encoder!;
    for (let cut = mediaAtConnect + (Math.floor(encoder.timestampMs / CUT_MS) + 1) * CUT_MS; cut <= mediaMs; cut += CUT_MS) {
      encoder.sendUntil(cut - mediaAtConnect + 100);
      await this.live.drain();
      await this.checkInvariants();
    }
  }

  presentation(): Presentation {
    return this.registry.assetPresentation(ASSET)!;
  }

  /**
   * What the asset lists, computed from the recorded fragments: while recording, the window
   * starts at the first cut whose video starts at or after the latest video end minus 5 minutes,
   * on every track; after stop it stays where the last window was.
   */
  expected(): Map<string, TimelineEntry[]> {
    let edge = 0n;
    for (const r of this.recorded) if (r.trackId.startsWith('video_')) edge = bigMax(edge, r.entry.decodeTime + BigInt(r.entry.duration));
    const from = edge - BigInt((WINDOW_MS * VIDEO_TIMESCALE) / 1000);
    const firstCut = Math.min(...this.recorded.filter((r) => r.trackId.startsWith('video_') && r.entry.decodeTime >= from).map((r) => r.entry.sequence));
    const listed = new Map<string, TimelineEntry[]>();
    for (const r of this.recorded) if (r.entry.sequence >= firstCut) listed.set(r.trackId, [...(listed.get(r.trackId) ?? []), r.entry]);
    return listed;
  }

  /** Every recorded fragment that is not listed: pruned. */
  pruned(trackId: string): TimelineEntry[] {
    const listed = new Set(this.expected().get(trackId)!.map((e) => e.decodeTime));
    return this.recorded.filter((r) => r.trackId === trackId && !listed.has(r.entry.decodeTime)).map((r) => r.entry);
  }

  /** Checked after every cut: the index, the store and the HLS numbering agree with the window. */
  async checkInvariants(): Promise<void> {
    const p = this.presentation();
    const expected = this.expected();
    assert.deepEqual(new Map(p.tracks.map((t) => [t.track.id, t.entries])), expected, 'the asset lists exactly the window');
    for (const trackId of TRACKS) {
      const listed = expected.get(trackId)!;
      const stored = (await this.store.listFragments(NS, trackId)).sort((a, b) => (a < b ? -1 : 1));
      assert.deepEqual(stored, listed.map((e) => e.decodeTime), `${trackId}: the store holds exactly the listed fragments`);
      const { segments } = hlsSegments(renderMediaPlaylist(p, trackId, 'm3u8-cmaf')!);
      const before = this.seen.get(trackId) ?? new Map<string, HlsSegment>();
      for (const s of segments) {
        const was = before.get(s.uri);
        if (was) assert.deepEqual([s.msn, s.dsn], [was.msn, was.dsn], `${trackId}: ${s.uri} keeps its media and discontinuity sequence numbers`);
      }
      this.seen.set(trackId, new Map(segments.map((s) => [s.uri, s])));
    }
    // An MPEG-TS segment muxes its video fragment with the audio fragment of the same sequence.
    const audio = new Set(expected.get('audio_cam720')!.map((e) => e.sequence));
    for (const id of ['video_cam720', 'video_cam360']) assert.deepEqual(expected.get(id)!.map((e) => e.sequence).filter((s) => !audio.has(s)), [], `${id}: every cut has its audio`);
  }
}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

interface Rendered {
  multivariantAapl: string;
  videoAapl: string;
  multivariantCmaf: string;
  media: Record<(typeof TRACKS)[number], string>;
  csf: string;
  cmaf: string;
  smooth: string;
}

/** Every manifest of the asset, as the origin renders them (CONTRACT §4 formats). */
function render(p: Presentation): Rendered {
  return {
    multivariantAapl: renderMultivariantPlaylist(p, 'm3u8-aapl'),
    videoAapl: renderMediaPlaylist(p, 'video_cam720', 'm3u8-aapl')!,
    multivariantCmaf: renderMultivariantPlaylist(p, 'm3u8-cmaf'),
    media: Object.fromEntries(TRACKS.map((id) => [id, renderMediaPlaylist(p, id, 'm3u8-cmaf')!])) as Rendered['media'],
    csf: renderMpd(p, { format: 'mpd-time-csf', utcTiming: UTC_TIMING }),
    cmaf: renderMpd(p, { format: 'mpd-time-cmaf', utcTiming: UTC_TIMING }),
    smooth: renderSmoothManifest(p),
  };
}

/**
 * Compares with the golden files, runs the structural checks every golden manifest gets, and
 * follows every fragment and init URL of every format to the store: each names a fragment the
 * asset holds whole (its stored size is the listed byte length).
 */
async function checkManifests(moment: string, s: WindowScenario, p: Presentation): Promise<Rendered> {
  const r = render(p);
  assertGolden(`window/${moment}/multivariant-aapl.m3u8`, r.multivariantAapl);
  assertGolden(`window/${moment}/video_cam720-aapl.m3u8`, r.videoAapl);
  assertGolden(`window/${moment}/multivariant-cmaf.m3u8`, r.multivariantCmaf);
  for (const id of TRACKS) if (id !== 'video_cam360') assertGolden(`window/${moment}/${id}-cmaf.m3u8`, r.media[id]);
  assertGolden(`window/${moment}/manifest-csf.mpd`, r.csf);
  assertGolden(`window/${moment}/manifest-cmaf.mpd`, r.cmaf);
  assertGolden(`window/${moment}/manifest.ismc`, r.smooth);

  assert.deepEqual(checkMultivariantPlaylist(r.multivariantAapl, p, 'm3u8-aapl'), ['video_cam720', 'video_cam360']);
  assert.deepEqual(checkMultivariantPlaylist(r.multivariantCmaf, p, 'm3u8-cmaf'), ['audio_cam720', 'video_cam720', 'video_cam360']);
  checkMediaPlaylist(r.videoAapl, p, 'video_cam720', 'm3u8-aapl');
  for (const id of TRACKS) checkMediaPlaylist(r.media[id], p, id, 'm3u8-cmaf');
  for (const xml of [r.csf, r.cmaf, r.smooth]) checkWellFormedXml(xml);

  const referenced: { trackId: string; decodeTime: bigint }[] = [];
  const inits: { trackId: string; version: number }[] = [];
  const dir = (id: string) => `QualityLevels(${p.tracks.find((t) => t.track.id === id)!.track.bitrate})/`;
  for (const id of TRACKS) {
    for (const line of r.media[id].split('\n')) {
      const map = /^#EXT-X-MAP:URI="([^"]+)"/.exec(line)?.[1];
      const req = map ? parse(dir(id) + map) : !line.startsWith('#') && line !== '' ? parse(dir(id) + line) : undefined;
      if (req?.kind === 'init') inits.push({ trackId: req.trackId, version: req.trackVersion });
      if (req?.kind === 'segment') referenced.push(req);
    }
  }
  for (const xml of [r.csf, r.cmaf]) {
    for (const rep of mpdSegmentRequests(xml)) {
      if (rep.init.kind === 'init') inits.push({ trackId: rep.init.trackId, version: rep.init.trackVersion });
      for (const seg of rep.segments) if (seg.kind === 'segment') referenced.push(seg);
    }
  }
  for (const si of parseStreamIndexes(r.smooth)) {
    for (const bitrate of si.bitrates) {
      for (const time of si.times) {
        const target = resolveSmoothFragment(p, bitrate, si.name, time);
        assert.ok(target, `Smooth ${si.name} ${bitrate} at ${time} resolves to no fragment`);
        referenced.push({ trackId: target.presentationTrack.track.id, decodeTime: target.entry.decodeTime });
      }
    }
  }
  for (const f of referenced) {
    const entry = entriesOf(p, f.trackId).find((e) => e.decodeTime === f.decodeTime);
    assert.ok(entry, `${f.trackId}@${f.decodeTime} is referenced but not listed`);
    assert.equal(await s.store.fragmentSize({ namespace: NS, trackId: f.trackId, decodeTime: f.decodeTime }), entry.byteLength, `${f.trackId}@${f.decodeTime} is stored whole`);
  }
  for (const i of inits) assert.ok(await s.store.getInit({ namespace: NS, trackId: i.trackId, version: i.version }), `init ${i.trackId}/${i.version} is stored`);
  return r;
}

/** Window facts every format must show, computed from the listed entries. */
function checkWindowFacts(p: Presentation, r: Rendered, s: WindowScenario): void {
  const expected = s.expected();
  for (const id of TRACKS) {
    const entries = expected.get(id)!;
    const hls = hlsSegments(r.media[id]);
    assert.equal(hls.mediaSequence, entries[0].sequence, `${id}: MEDIA-SEQUENCE is the first listed fragment's`);
    assert.equal(hls.discontinuitySequence, s.pruned(id).filter((e) => e.discontinuity).length, `${id}: DISCONTINUITY-SEQUENCE counts the discontinuities pruned`);
    assert.deepEqual(hls.segments.map((x) => x.discontinuity), entries.map((e) => e.discontinuity), `${id}: EXT-X-DISCONTINUITY where the timeline breaks`);
  }
  const streams = parseStreamIndexes(r.smooth);
  const live = !p.ended;
  for (const [name, id] of [['video', 'video_cam720'], ['audio_cam720', 'audio_cam720']] as const) {
    const entries = expected.get(id)!;
    const si = streams.find((x) => x.name === name)!;
    // Live, the newest fragments are announced by their predecessors' tfrf, not the manifest.
    const announced = live ? entries.slice(0, entries.length - SMOOTH_LOOKAHEAD) : entries;
    const timescale = p.tracks.find((t) => t.track.id === id)!.track.timescale;
    assert.deepEqual(si.times, announced.map((e) => toSmoothTime(e.decodeTime, timescale)), `Smooth ${name}: c@t`);
    assert.deepEqual(si.durations, announced.map((e) => smoothDuration(e.decodeTime, e.duration, timescale)), `Smooth ${name}: c@d`);
  }
  const root = tagOf(r.smooth, 'SmoothStreamingMedia');
  const mpd = tagOf(r.csf, 'MPD');
  if (live) {
    for (const id of ['video_cam720', 'video_cam360']) {
      const entries = expected.get(id)!;
      const end = entries.at(-1)!.decodeTime + BigInt(entries.at(-1)!.duration);
      assert.ok(entries[0].decodeTime >= end - BigInt((WINDOW_MS * VIDEO_TIMESCALE) / 1000), `${id}: the first fragment starts inside the window`);
    }
    assert.equal(attr(root, 'IsLive'), 'TRUE');
    assert.equal(attr(root, 'DVRWindowLength'), String(WINDOW_MS * 10_000), 'DVRWindowLength: the window in 100 ns units');
    assert.equal(attr(mpd, 'type'), 'dynamic');
    assert.equal(attr(mpd, 'timeShiftBufferDepth'), 'PT300S');
    for (const text of [r.videoAapl, ...Object.values(r.media)]) assert.doesNotMatch(text, /ENDLIST|PLAYLIST-TYPE/);
  } else {
    assert.equal(attr(root, 'IsLive'), 'FALSE');
    assert.equal(attr(root, 'DVRWindowLength'), undefined);
    assert.equal(attr(mpd, 'type'), 'static');
    assert.equal(attr(mpd, 'timeShiftBufferDepth'), undefined);
    // The listed spans have no gap, so the presentation lasts the longest track's sum of durations.
    const ms = Math.max(...TRACKS.map((id) => Math.round(expected.get(id)!.reduce((n, e) => n + e.duration / p.tracks.find((t) => t.track.id === id)!.track.timescale, 0) * 1000)));
    assert.equal(attr(mpd, 'mediaPresentationDuration'), msToXsDuration(ms));
    const durationTicks = Math.max(...streams.map((x) => Number(x.times.at(-1)! + BigInt(x.durations.at(-1)!) - x.times[0])));
    assert.equal(attr(root, 'Duration'), String(durationTicks));
    for (const text of [r.videoAapl, ...Object.values(r.media)]) {
      assert.match(text, /\n#EXT-X-PLAYLIST-TYPE:VOD\n/);
      assert.ok(text.endsWith('\n#EXT-X-ENDLIST\n'));
    }
  }
  // DASH lists every track's window from its first fragment (one Period: no version change here).
  for (const rep of mpdSegmentRequests(r.csf)) {
    assert.deepEqual(rep.segments.map((x) => (x.kind === 'segment' ? x.decodeTime : -1n)), expected.get(rep.id)!.map((e) => e.decodeTime), `DASH ${rep.id}`);
  }
}


/** Publishes up to `mediaMs`, then checks the manifests against the golden files of `moment` and the window facts. */
async function goldenMoment(s: WindowScenario, moment: string, mediaMs: number): Promise<{ p: Presentation; r: Rendered }> {
  await s.publishUntil(mediaMs);
  const p = s.presentation();
  const r = await checkManifests(moment, s, p);
  checkWindowFacts(p, r, s);
  return { p, r };
}

test('a program\'s DVR window in every manifest format: at its start, sliding, after stop, and appended to after a restart', async (t) => {
  const s = new WindowScenario();
  await s.start();
  await s.startProgram();
  s.connect('encoder-1');
  let slid: Rendered | undefined;

  await t.test('start: the window holds fewer fragments than 5 minutes', async () => {
    const { p } = await goldenMoment(s, 'start', 20_000);
    for (const id of TRACKS) {
      assert.deepEqual(entriesOf(p, id).map((e) => e.sequence), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], `${id}: the first 20 s, numbered from 0`);
      assert.equal(s.pruned(id).length, 0);
    }
    assert.deepEqual(videoSeconds(p.tracks[0].entries), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  await t.test('sliding: the reconnect 40 s after the window start is inside it', async () => {
    await s.publishUntil(58_000);
    await s.disconnectAt(60_000);
    s.fixture.clock.set(AST + 70_000); // the encoder comes back 10 s later, its timestamps from 0
    s.connect('encoder-2');
    const { p, r } = await goldenMoment(s, 'sliding-discontinuity', 340_000);
    const video = entriesOf(p, 'video_cam720');
    // [40 s, 340 s) less the 10 s outage: 145 fragments; MEDIA-SEQUENCE advanced by the 20 pruned.
    assert.equal(video.length, 145);
    assert.equal(videoSeconds(video)[0], 40);
    for (const id of TRACKS) {
      assert.equal(s.pruned(id).length, 20);
      assert.equal(hlsSegments(r.media[id]).mediaSequence, 20);
      assert.equal(hlsSegments(r.media[id]).segments.filter((x) => x.discontinuity).length, 1, `${id}: one EXT-X-DISCONTINUITY`);
    }
  });

  await t.test('sliding: the reconnect slid out, the window is exactly 5 minutes, pruned fragments are gone', async () => {
    const before = s.presentation();
    const { p, r } = await goldenMoment(s, 'sliding', 400_000);
    slid = r;
    for (const id of TRACKS) {
      const entries = entriesOf(p, id);
      const dropped = entriesOf(before, id).filter((e) => e.decodeTime < entries[0].decodeTime).length;
      const hls = hlsSegments(slid.media[id]);
      assert.equal(hls.mediaSequence, hlsSegments(renderMediaPlaylist(before, id, 'm3u8-cmaf')!).mediaSequence + dropped, `${id}: MEDIA-SEQUENCE advanced by exactly the fragments pruned`);
      assert.equal(hls.mediaSequence, 45, `${id}: 30 fragments before the reconnect and 15 after it pruned`);
      assert.equal(hls.discontinuitySequence, 1, `${id}: the reconnect's discontinuity slid out`);
      assert.equal(entries.length, 150);
      for (const e of s.pruned(id)) {
        assert.equal(await s.store.getFragment({ namespace: NS, trackId: id, decodeTime: e.decodeTime }), undefined, `${id}@${e.decodeTime} is deleted from the asset`);
      }
      // The channel's own timeline (10 minutes of retention) still has the oldest one: only the asset pruned it.
      assert.ok(await s.store.getFragment({ namespace: 'live-ch', trackId: id, decodeTime: s.pruned(id)[0].decodeTime }));
    }
    const video = entriesOf(p, 'video_cam720');
    const end = video.at(-1)!.decodeTime + BigInt(video.at(-1)!.duration);
    assert.equal(end - video[0].decodeTime, BigInt((WINDOW_MS * VIDEO_TIMESCALE) / 1000), 'the video spans exactly the window');
    assert.deepEqual([videoSeconds(video)[0], Number(end) / VIDEO_TIMESCALE], [100, 400]);
    // The audio of the first cut starts on the AAC frame nearest to it: 99.9947 s.
    assert.equal(entriesOf(p, 'audio_cam720')[0].sequence, video[0].sequence);
  });

  await t.test('stopped: on demand, the same fragments as the last live window', async () => {
    const live = s.presentation();
    await s.stopProgram();
    const p = s.presentation();
    assert.equal(p.ended, true);
    const r = await checkManifests('stopped', s, p);
    checkWindowFacts(p, r, s);
    assert.deepEqual(p.tracks.map((x) => x.entries), live.tracks.map((x) => x.entries), 'nothing appears or disappears at stop');
    for (const id of TRACKS) {
      const first = (text: string) => hlsSegments(text).segments[0];
      assert.deepEqual(first(r.media[id]), first(slid!.media[id]), `${id}: the same first segment, numbered the same`);
    }
    assert.equal(attr(tagOf(r.csf, 'MPD'), 'mediaPresentationDuration'), 'PT300.011S', 'the audio runs 5.3 ms before and after the video');
    // The channel goes on; the asset does not.
    await s.publishUntil(420_000);
    assert.deepEqual(s.presentation().tracks.map((x) => x.entries), live.tracks.map((x) => x.entries));
  });

  await t.test('restarted: the program appends after a discontinuity, sequence numbers going on', async () => {
    const stopped = s.presentation();
    await s.startProgram();
    const { p, r } = await goldenMoment(s, 'restarted', 440_000);
    for (const id of TRACKS) {
      const entries = entriesOf(p, id);
      const lastStopped = entriesOf(stopped, id).at(-1)!;
      const i = entries.findIndex((e) => e.decodeTime > lastStopped.decodeTime);
      assert.equal(entries[i].discontinuity, true, `${id}: the appended session starts with a discontinuity`);
      assert.deepEqual(entries.slice(i).map((e) => e.sequence), [195, 196, 197, 198, 199, 200, 201, 202, 203, 204], `${id}: numbered on from ${lastStopped.sequence}`);
      assert.equal(lastStopped.sequence, 194);
      const hls = hlsSegments(r.media[id]);
      assert.equal(hls.segments[i].msn, 195);
      assert.ok(hls.segments[i].discontinuity);
    }
    assert.deepEqual(videoSeconds(p.tracks[0].entries.filter((e) => e.sequence >= 195)), [420, 422, 424, 426, 428, 430, 432, 434, 436, 438]);
  });

  await t.test('restarted: the window slides past the gap between the sessions without renumbering', async () => {
    await s.publishUntil(730_000);
    const p = s.presentation();
    const r = render(p);
    checkWindowFacts(p, r, s);
    for (const id of TRACKS) {
      const hls = hlsSegments(r.media[id]);
      assert.equal(hls.discontinuitySequence, 2, `${id}: both discontinuities slid out`);
      // [430 s, 730 s): the session appended at 420 s lost its first five fragments.
      assert.equal(hls.mediaSequence, 200);
      assert.equal(hls.segments.length, 150);
    }
  });
});
