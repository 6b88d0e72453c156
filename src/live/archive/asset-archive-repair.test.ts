import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { TimelineEntry } from '../../model/timeline.js';
import { renderMediaPlaylist } from '../../packaging/hls/media-playlist.js';
import { parsePlaybackPath } from '../../packaging/playback-path.js';
import { DiskFragmentStore } from '../../store/disk-fragment-store.js';
import { manualRegistry } from '../testing/manual-registry.js';
import { SyntheticEncoder, type SyntheticRendition } from '../testing/synthetic-encoder.js';
import { AssetArchive, assetNamespace, type ArchiveRepair } from './asset-archive.js';
import { AssetLibrary } from './asset-library.js';

/*
 * Crash repair on the disk store. A program records a two-rendition channel (the synthetic RTMP
 * encoder through the real ingest adapter) into asset "show" for 5 minutes 10 seconds, so its
 * 5-minute window has slid, and the process is then "killed": nothing is stopped or flushed, the
 * data directory is left as it is. Each case copies the asset's directory, does to it what SIGKILL (or
 * a power loss, for a torn line) can leave, and starts again as the server does
 * (AssetLibrary.recover with the catalog's asset names). The repaired asset must list only whole
 * fragments, mark a discontinuity where one was dropped, leave no orphan or temporary on disk,
 * and have rewritten its journal and index.m3u8 so that loading again changes nothing.
 *
 * Layout (disk-fragment-store.ts, asset-archive.ts):
 *   media/asset-show/asset.json, window.json
 *   media/asset-show/<track>/init-<version>.mp4, <decodeTime>.m4s, timeline.jsonl, index.m3u8
 */

const AST = Date.UTC(2025, 0, 1, 12, 0, 0);
const WINDOW_MS = 5 * 60_000;
const RECORDED_MS = 310_000;
const TRACKS = ['video_cam720', 'video_cam360', 'audio_cam720'] as const;
const NS = assetNamespace('show');
// Small bit rates: the bytes are never decoded here, only counted.
const LADDER: SyntheticRendition[] = [
  { stream: 'cam720', size: '720p', videoKbps: 64, audioKbps: 32 },
  { stream: 'cam360', size: '360p', videoKbps: 32 },
];
const log = pino({ level: 'silent' });

let root: string;
let template: string;
/** What the archive listed when the process was killed: the journal must give it back. */
let listedAtKill: Map<string, TimelineEntry[]>;
let pruneBeforeKill: Map<string, TimelineEntry>;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'tributary-repair-'));
  template = join(root, 'killed', 'media');
  const store = new DiskFragmentStore(template);
  const { clock, registry } = manualRegistry({ store, startMs: AST });
  await registry.startChannel('ch', 2000, AST);
  await registry.startProgram('ch', 'show', 'show', WINDOW_MS);
  const live = registry.channel('ch')!;
  const encoder = new SyntheticEncoder(live, clock, LADDER, log);
  let lastListed = new Map<string, TimelineEntry[]>();
  for (let cut = 2000; cut <= RECORDED_MS; cut += 2000) {
    lastListed = listed(registry.assetPresentation('show'));
    encoder.sendUntil(cut + 100);
    await live.drain();
  }
  listedAtKill = listed(registry.assetPresentation('show'));
  // What the final cut's prune removed from every track: its prune lines are the journals' newest.
  pruneBeforeKill = new Map(TRACKS.map((id) => [id, lastListed.get(id)![0]]));
  for (const id of TRACKS) assert.notEqual(listedAtKill.get(id)![0].decodeTime, pruneBeforeKill.get(id)!.decodeTime);
});

after(() => rmSync(root, { recursive: true, force: true }));

function listed(p: ReturnType<AssetArchive['presentation']>): Map<string, TimelineEntry[]> {
  assert.ok(p);
  return new Map(p.tracks.map((t) => [t.track.id, [...t.entries]]));
}

/** A copy of the killed process's asset directory, to damage (the channel's is not read, only linked from). */
function killedCopy(name: string): string {
  const media = join(root, name, 'media');
  cpSync(join(template, NS), join(media, NS), { recursive: true });
  return media;
}

const trackDir = (media: string, id: string) => join(media, NS, id);
const fragmentFile = (media: string, id: string, e: TimelineEntry) => join(trackDir(media, id), `${e.decodeTime}.m4s`);
const copyOf = (m: Map<string, TimelineEntry[]>) => new Map([...m].map(([id, entries]) => [id, [...entries]]));

/** The listing at the kill without entry `i` of `id`, the next one marked as a discontinuity. */
function withoutEntry(id: string, i: number): Map<string, TimelineEntry[]> {
  const expected = copyOf(listedAtKill);
  const entries = expected.get(id)!;
  entries.splice(i, 1);
  if (i < entries.length) entries[i] = { ...entries[i], discontinuity: true };
  return expected;
}

async function recover(media: string): Promise<{ archive: AssetArchive; repair: ArchiveRepair; library: AssetLibrary }> {
  const library = new AssetLibrary(new DiskFragmentStore(media), log);
  const { repaired, removed } = await library.recover(['show']);
  assert.deepEqual(removed, []);
  return { archive: library.get('show')!, repair: repaired[0], library };
}

/** Every file under a directory with its size: what a person listing the data directory sees. */
function tree(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, statSync(path).size);
  }
  return files;
}

/** Reads an HLS playlist as a client does: segment URIs and whether a discontinuity precedes each. */
function playlistSegments(text: string): { uri: string; discontinuity: boolean }[] {
  const segments: { uri: string; discontinuity: boolean }[] = [];
  let discontinuity = false;
  for (const line of text.split('\n')) {
    if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    else if (line !== '' && !line.startsWith('#')) {
      segments.push({ uri: line, discontinuity });
      discontinuity = false;
    }
  }
  return segments;
}

/**
 * The repaired asset lists `expected`, and the directory agrees with it: exactly those fragment
 * files, whole; nothing temporary; a journal holding just those entries; an index.m3u8 naming
 * them; the origin's HLS playlist naming only whole files. A second start repairs nothing.
 */
async function checkRepaired(media: string, archive: AssetArchive, expected: Map<string, TimelineEntry[]>): Promise<void> {
  const p = archive.presentation(AST + RECORDED_MS + 60_000)!;
  assert.equal(p.ended, true, 'a recovered asset plays on demand until its program starts again');
  assert.deepEqual(listed(p), expected);
  assert.deepEqual(readdirSync(join(media, NS)).sort(), ['asset.json', 'window.json', ...TRACKS].sort(), 'the asset directory holds its manifest, its window and one directory per track');
  for (const id of TRACKS) {
    const dir = trackDir(media, id);
    const entries = expected.get(id)!;
    const files = readdirSync(dir);
    assert.deepEqual(files.filter((f) => !/^\d+\.m4s$/.test(f)).sort(), ['index.m3u8', 'init-0.mp4', 'timeline.jsonl'], `${id}: no temporary or stray file`);
    assert.deepEqual(
      files.filter((f) => /^\d+\.m4s$/.test(f)).map((f) => BigInt(f.slice(0, -4))).sort((a, b) => (a < b ? -1 : 1)),
      entries.map((e) => e.decodeTime),
      `${id}: exactly the listed fragments are on disk`,
    );
    for (const e of entries) assert.equal(statSync(fragmentFile(media, id, e)).size, e.byteLength, `${id}@${e.decodeTime} is whole`);

    // The origin's playlist names only whole files, with a discontinuity where one was dropped.
    const bitrate = p.tracks.find((t) => t.track.id === id)!.track.bitrate;
    const hls = playlistSegments(renderMediaPlaylist(p, id, 'm3u8-cmaf')!);
    assert.deepEqual(hls.map((s) => s.discontinuity), entries.map((e) => e.discontinuity));
    for (const s of hls) {
      const r = parsePlaybackPath(`QualityLevels(${bitrate})/${s.uri}`);
      assert.ok(r.ok && r.request.kind === 'segment');
      const file = join(dir, `${r.request.decodeTime}.m4s`);
      assert.equal(statSync(file).size, entries.find((e) => e.decodeTime === (r.request as { decodeTime: bigint }).decodeTime)!.byteLength);
    }

    // index.m3u8 beside the files, for ffprobe: the same fragments, the same discontinuities, finished.
    const index = readFileSync(join(dir, 'index.m3u8'), 'utf8');
    const onDisk = playlistSegments(index);
    assert.deepEqual(onDisk.map((s) => s.uri), entries.map((e) => `${e.decodeTime}.m4s`), `${id}: index.m3u8 names the listed fragments`);
    // A discontinuity on the very first segment is not repeated there: nothing precedes it.
    assert.deepEqual(onDisk.map((s) => s.discontinuity), entries.map((e, i) => i > 0 && e.discontinuity));
    assert.match(index, /^#EXTM3U\n[\s\S]*#EXT-X-PLAYLIST-TYPE:VOD\n[\s\S]*#EXT-X-MAP:URI="init-0\.mp4"\n[\s\S]*#EXT-X-ENDLIST\n$/);

    // The journal is rewritten as exactly what is listed: a base line, then one line per entry.
    const lines = readFileSync(join(dir, 'timeline.jsonl'), 'utf8').split('\n');
    assert.equal(lines.pop(), '', `${id}: the journal ends with a whole line`);
    assert.deepEqual(JSON.parse(lines[0]), { base: p.tracks.find((t) => t.track.id === id)!.discontinuitySequence });
    assert.deepEqual(
      lines.slice(1).map((l) => JSON.parse(l) as { t: string; s: number; b: number; x?: number }).map((o) => [BigInt(o.t), o.s, o.b, o.x === 1]),
      entries.map((e) => [e.decodeTime, e.sequence, e.byteLength, e.discontinuity]),
    );
  }

  // Idempotent: starting again finds nothing to repair and changes no file.
  const files = tree(media);
  const again = await AssetArchive.load('show', new DiskFragmentStore(media), log);
  assert.deepEqual(again.repair, { asset: 'show', fragments: TRACKS.reduce((n, id) => n + expected.get(id)!.length, 0), droppedEntries: 0, orphansRemoved: 0, temporariesRemoved: 0, tornJournals: 0 });
  assert.deepEqual(listed(again.archive.presentation(AST)), expected);
  assert.deepEqual(tree(media), files);
}

const repairOf = (r: Partial<ArchiveRepair>): ArchiveRepair => ({
  asset: 'show',
  fragments: TRACKS.reduce((n, id) => n + listedAtKill.get(id)!.length, 0),
  droppedEntries: 0,
  orphansRemoved: 0,
  temporariesRemoved: 0,
  tornJournals: 0,
  ...r,
});

describe('asset crash repair on the disk store', () => {
  it('an undamaged kill: the journal gives back what was listed, in the layout a person inspects', async () => {
    const media = killedCopy('clean');
    const asset = join(media, NS);
    const manifest = JSON.parse(readFileSync(join(asset, 'asset.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual([manifest.format, manifest.asset, manifest.channel, manifest.availabilityStartTime], ['tributary-asset/1', 'show', 'ch', AST]);
    assert.deepEqual((manifest.tracks as { id: string }[]).map((t) => t.id).sort(), [...TRACKS].sort());
    for (const id of TRACKS) {
      assert.ok(existsSync(join(asset, id, 'init-0.mp4')));
      assert.ok(!existsSync(join(asset, id, 'index.m3u8')), 'index.m3u8 is written at stop or at recovery, not while recording');
      // The window slid while recording: the journal says what left it.
      const journal = readFileSync(join(asset, id, 'timeline.jsonl'), 'utf8');
      assert.match(journal, /\{"prune":"\d+"\}\n/);
    }
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({}));
    await checkRepaired(media, archive, listedAtKill);
    assert.equal(listedAtKill.get('video_cam720')!.length, WINDOW_MS / 2000, 'the window holds 5 minutes of 2 s fragments');
  });

  it('a torn last journal line: the entry is not listed and its fragment, now an orphan, is deleted', async () => {
    const media = killedCopy('torn');
    // The track appended last on the final cut ends its journal with that entry (an earlier
    // track's append wrote the prune lines); which one it was depends on the disk.
    const lastLine = (id: string) => {
      const text = readFileSync(join(trackDir(media, id), 'timeline.jsonl'), 'utf8');
      return { text, line: text.slice(text.lastIndexOf('\n', text.length - 2) + 1) };
    };
    const id = TRACKS.find((t) => lastLine(t).line.startsWith('{"t":'));
    assert.ok(id, 'some journal ends with an entry line');
    const { text, line } = lastLine(id);
    truncateSync(join(trackDir(media, id), 'timeline.jsonl'), text.length - Math.ceil(line.length / 2));
    const { archive, repair } = await recover(media);
    const expected = copyOf(listedAtKill);
    const lost = expected.get(id)!.pop()!;
    assert.deepEqual(repair, repairOf({ fragments: repairOf({}).fragments - 1, orphansRemoved: 1, tornJournals: 1 }));
    assert.ok(!existsSync(fragmentFile(media, id, lost)));
    await checkRepaired(media, archive, expected);
  });

  it('a journal entry whose fragment file is missing: dropped, and the next fragment starts a discontinuity', async () => {
    const media = killedCopy('missing');
    unlinkSync(fragmentFile(media, 'audio_cam720', listedAtKill.get('audio_cam720')![50]));
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ fragments: repairOf({}).fragments - 1, droppedEntries: 1 }));
    await checkRepaired(media, archive, withoutEntry('audio_cam720', 50));
  });

  it('a fragment shorter than its journal entry says (half-written): dropped and deleted, never served', async () => {
    const media = killedCopy('short');
    const e = listedAtKill.get('video_cam360')![80];
    truncateSync(fragmentFile(media, 'video_cam360', e), Math.floor(e.byteLength / 2));
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ fragments: repairOf({}).fragments - 1, droppedEntries: 1, orphansRemoved: 1 }));
    assert.ok(!existsSync(fragmentFile(media, 'video_cam360', e)));
    await checkRepaired(media, archive, withoutEntry('video_cam360', 80));
  });

  it('a fragment linked but never journaled (an orphan): deleted, the listing unchanged', async () => {
    const media = killedCopy('orphan');
    const last = listedAtKill.get('video_cam720')!.at(-1)!;
    const next = { ...last, decodeTime: last.decodeTime + BigInt(last.duration) };
    writeFileSync(fragmentFile(media, 'video_cam720', next), readFileSync(fragmentFile(media, 'video_cam720', last)));
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ orphansRemoved: 1 }));
    await checkRepaired(media, archive, listedAtKill);
  });

  it('temporaries of interrupted writes (a link, a manifest, a compaction): removed', async () => {
    const media = killedCopy('temporaries');
    const last = listedAtKill.get('audio_cam720')!.at(-1)!;
    writeFileSync(join(trackDir(media, 'audio_cam720'), `.${last.decodeTime + BigInt(last.duration)}.m4s.4242.17.tmp`), Buffer.alloc(100));
    writeFileSync(join(media, NS, '.asset.json.4242.18.tmp'), '{"format":"tributary-as');
    writeFileSync(join(trackDir(media, 'video_cam360'), '.timeline.jsonl.4242.19.tmp'), '{"base":0}\n');
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ temporariesRemoved: 3 }));
    await checkRepaired(media, archive, listedAtKill);
  });

  it('a prune line written but its fragments not yet unlinked: they stay out and are deleted', async () => {
    const media = killedCopy('pruning');
    // Put back, as hard links to the channel's copies, the files the last prune unlinked.
    for (const id of TRACKS) {
      const e = pruneBeforeKill.get(id)!;
      linkSync(join(template, 'live-ch', id, `${e.decodeTime}.m4s`), fragmentFile(media, id, e));
    }
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ orphansRemoved: TRACKS.length }));
    await checkRepaired(media, archive, listedAtKill);
  });

  it('a crash after the window record, before one track\'s prune line: that track starts at the window too', async () => {
    const media = killedCopy('window-record');
    // Undo video_cam360's last prune: its prune line goes, its pruned fragment comes back
    // (as a hard link to the channel's copy) — as if the process died right after window.json.
    const id = 'video_cam360';
    const journal = join(trackDir(media, id), 'timeline.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    const pruneAt = lines.findLastIndex((l) => l.startsWith('{"prune":'));
    assert.ok(pruneAt >= 0);
    lines.splice(pruneAt, 1);
    writeFileSync(journal, lines.join('\n'));
    const e = pruneBeforeKill.get(id)!;
    linkSync(join(template, 'live-ch', id, `${e.decodeTime}.m4s`), fragmentFile(media, id, e));
    const window = JSON.parse(readFileSync(join(media, NS, 'window.json'), 'utf8')) as { firstSequence: number };
    assert.equal(window.firstSequence, listedAtKill.get(id)![0].sequence);
    const { archive, repair } = await recover(media);
    assert.deepEqual(repair, repairOf({ orphansRemoved: 1 }));
    await checkRepaired(media, archive, listedAtKill);
    const firsts = new Set(TRACKS.map((t) => archive.presentation(AST)!.tracks.find((pt) => pt.track.id === t)!.entries[0].sequence));
    assert.equal(firsts.size, 1, 'every track starts at the same cut');
  });

  it('several kinds at once, and the asset plays on: a program started again appends after the repair', async () => {
    const media = killedCopy('combined');
    const entries = listedAtKill.get('video_cam720')!;
    unlinkSync(fragmentFile(media, 'video_cam720', entries[0]));
    truncateSync(fragmentFile(media, 'video_cam720', entries[1]), 10);
    appendFileSync(join(trackDir(media, 'video_cam720'), 'timeline.jsonl'), '{"t":"9990');
    const { archive, repair, library } = await recover(media);
    // The first two dropped: the third is flagged, and the playlist starts with a discontinuity.
    const expected = copyOf(listedAtKill);
    expected.set('video_cam720', [{ ...entries[2], discontinuity: true }, ...entries.slice(3)]);
    assert.deepEqual(repair, repairOf({ fragments: repairOf({}).fragments - 2, droppedEntries: 2, orphansRemoved: 1, tornJournals: 1 }));
    await checkRepaired(media, archive, expected);

    // The restarted server runs the channel again (same media time 0) and the program resumes.
    const { clock, store, registry } = manualRegistry({ store: new DiskFragmentStore(media), startMs: AST + 400_000, library });
    await registry.startChannel('ch', 2000, AST);
    await registry.startProgram('ch', 'show', 'show', WINDOW_MS);
    const encoder = new SyntheticEncoder(registry.channel('ch')!, clock, LADDER, log);
    encoder.sendUntil(6100);
    await registry.channel('ch')!.drain();
    const p = registry.assetPresentation('show')!;
    assert.equal(p.ended, false);
    for (const id of TRACKS) {
      const before = expected.get(id)!;
      const after = p.tracks.find((t) => t.track.id === id)!.entries;
      const appended = after.slice(-3);
      assert.deepEqual(appended.map((e) => [e.sequence, e.discontinuity]), [[155, true], [156, false], [157, false]], `${id}: appended after a discontinuity, numbered on`);
      // The window slid to [106 s, 406 s): what stays of the repaired fragments is their newest part.
      assert.deepEqual(after.slice(0, -3), before.slice(before.length - (after.length - 3)), `${id}: the repaired fragments stay as they were`);
      assert.equal(after[0].sequence, 53);
      for (const e of after) assert.equal(await store.fragmentSize({ namespace: NS, trackId: id, decodeTime: e.decodeTime }), e.byteLength);
    }
    assert.equal(p.tracks.find((t) => t.track.id === 'video_cam720')!.entries[0].decodeTime, 106n * 90000n);
  });

  it('an asset the catalog no longer knows (deleted just before the crash) is removed whole', async () => {
    const media = killedCopy('deleted');
    cpSync(join(template, 'live-ch'), join(media, 'live-ch'), { recursive: true });
    const library = new AssetLibrary(new DiskFragmentStore(media), log);
    assert.deepEqual(await library.recover([]), { repaired: [], removed: ['show'] });
    assert.ok(!existsSync(join(media, NS)));
    assert.ok(existsSync(join(media, 'live-ch', 'video_cam720')), 'a channel\'s live timeline is not an asset');
  });
});
