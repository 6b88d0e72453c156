/**
 * Structural checks run on every golden manifest, so a golden file that was updated without
 * review still has to obey the rules real clients break on (formats.md §0 rules 7, 8, 10):
 * TARGETDURATION bounds, sequence numbering, and every implied URL parsing back to the right
 * track and time through the origin's own router.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as HLS from 'hls-parser';
import type { Presentation } from '../../src/model/presentation.js';
import type { Format, PlaybackRequest } from '../../src/packaging/playback-path.js';
import { parsePlaybackPath } from '../../src/packaging/playback-path.js';

function parse(path: string): PlaybackRequest {
  const r = parsePlaybackPath(path);
  assert.ok(r.ok, `${path} does not parse: ${r.ok ? '' : r.reason}`);
  return r.request;
}

function tagValue(lines: string[], tag: string): string | undefined {
  return lines.find((l) => l.startsWith(tag + ':'))?.slice(tag.length + 1);
}

export interface MediaPlaylistFacts {
  targetDuration: number;
  mediaSequence: number;
  discontinuitySequence: number;
}

/** Checks a media playlist against the track it was rendered from. */
export function checkMediaPlaylist(text: string, p: Presentation, trackId: string, format: Format): MediaPlaylistFacts {
  const pt = p.tracks.find((t) => t.track.id === trackId)!;
  const parsed = strictHlsParse(text);
  assert.ok(parsed instanceof HLS.types.MediaPlaylist);
  if (format === 'm3u8-aapl-v3') {
    assert.ok(parsed.segments.every((s) => Number.isInteger(s.duration)), 'm3u8-aapl-v3 EXTINF must be whole seconds');
    assert.doesNotMatch(text, /I-FRAME|EXT-X-MAP|EXT-X-BYTERANGE/, 'no tag above protocol version 3');
  }
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '#EXTM3U');
  const targetDuration = Number(tagValue(lines, '#EXT-X-TARGETDURATION'));
  const mediaSequence = Number(tagValue(lines, '#EXT-X-MEDIA-SEQUENCE'));
  const discontinuitySequence = Number(tagValue(lines, '#EXT-X-DISCONTINUITY-SEQUENCE') ?? 0);
  assert.ok(Number.isInteger(targetDuration) && targetDuration > 0);
  assert.equal(mediaSequence, pt.entries[0].sequence);
  const dir = `QualityLevels(${pt.track.bitrate})/`;
  let segment = 0;
  let mapVersion: number | undefined;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) {
      const seconds = Number(line.slice(8, line.indexOf(',')));
      assert.ok(Math.round(seconds) <= targetDuration, `EXTINF ${seconds} exceeds TARGETDURATION ${targetDuration}`);
    } else if (line.startsWith('#EXT-X-MAP:')) {
      const req = parse(dir + /URI="([^"]*)"/.exec(line)![1]);
      assert.ok(req.kind === 'init' && req.trackId === trackId && req.options.format === format);
      mapVersion = req.trackVersion;
    } else if (!line.startsWith('#') && line !== '') {
      const entry = pt.entries[segment++];
      const req = parse(dir + line);
      assert.ok(req.kind === 'segment' && req.trackId === trackId && req.options.format === format, line);
      assert.equal(req.decodeTime, entry.decodeTime);
      if (format === 'm3u8-cmaf') assert.equal(mapVersion, entry.trackVersion, `${line} is under the wrong EXT-X-MAP`);
    }
  }
  assert.equal(segment, pt.entries.length);
  return { targetDuration, mediaSequence, discontinuitySequence };
}

/** Every URI of a multivariant playlist must name a media playlist of a known track. */
export function checkMultivariantPlaylist(text: string, p: Presentation, format: Format): string[] {
  assert.ok(strictHlsParse(text).isMasterPlaylist);
  if (format === 'm3u8-aapl-v3') assert.doesNotMatch(text, /I-FRAME|EXT-X-MEDIA:/, 'v3 variants are muxed, without I-frame playlists');
  const uris = text.split('\n').flatMap((l) => (l.startsWith('#') ? [...l.matchAll(/URI="([^"]*)"/g)].map((m) => m[1]) : l ? [l] : []));
  return uris.map((uri) => {
    const req = parse(uri);
    assert.ok(req.kind === 'playlist' && req.options.format === format, uri);
    const pt = p.tracks.find((t) => t.track.id === req.trackId);
    assert.ok(pt && pt.track.bitrate === req.bitrate, `${uri} names no track`);
    return req.trackId;
  });
}

/**
 * A strict parse by hls-parser (an independent implementation of RFC 8216): it throws on tags
 * not allowed at the declared EXT-X-VERSION, EXTINF above TARGETDURATION, malformed attributes.
 */
export function strictHlsParse(text: string): HLS.types.Playlist {
  HLS.setOptions({ strictMode: true });
  try {
    return HLS.parse(text);
  } finally {
    HLS.setOptions({ strictMode: false });
  }
}

export interface MpdRepresentationUrls {
  id: string;
  init: PlaybackRequest;
  segments: PlaybackRequest[];
}

/** Expands each Representation's SegmentTemplate as a client would (ISO 23009-1 §5.3.9.4.4). */
export function mpdSegmentRequests(mpd: string): MpdRepresentationUrls[] {
  const result: MpdRepresentationUrls[] = [];
  for (const rep of mpd.matchAll(/<Representation id="([^"]+)" bandwidth="(\d+)"[\s\S]*?<\/Representation>/g)) {
    const [body, id, bandwidth] = rep;
    const expand = (template: string, time?: bigint) =>
      template.replaceAll('$RepresentationID$', id).replaceAll('$Bandwidth$', bandwidth).replaceAll('$Time$', String(time));
    const init = parse(expand(/initialization="([^"]+)"/.exec(body)![1]));
    const media = /media="([^"]+)"/.exec(body)![1];
    const segments: PlaybackRequest[] = [];
    let t = 0n;
    for (const s of body.matchAll(/<S( t="(\d+)")? d="(\d+)"( r="(\d+)")?\/>/g)) {
      if (s[2] !== undefined) t = BigInt(s[2]);
      for (let k = 0; k <= Number(s[5] ?? 0); k++) {
        segments.push(parse(expand(media, t)));
        t += BigInt(s[3]);
      }
    }
    result.push({ id, init, segments });
  }
  return result;
}

/**
 * Well-formedness through an independent parser: xmllint when installed, else Python's expat.
 * Returns false when neither exists, so the caller can skip that one assertion.
 */
export function checkWellFormedXml(xml: string): boolean {
  const tools: [string, string[]][] = [
    ['/usr/bin/xmllint', ['--noout', '-']],
    ['python3', ['-c', 'import sys, xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read())']],
  ];
  for (const [cmd, args] of tools) {
    if (cmd.startsWith('/') && !existsSync(cmd)) continue;
    const r = spawnSync(cmd, args, { input: xml, encoding: 'utf8' });
    if (r.error) continue;
    assert.equal(r.status, 0, `${cmd} rejects the MPD: ${r.stderr}`);
    return true;
  }
  return false;
}

export interface ParsedStreamIndex {
  tag: string;
  name: string;
  url: string;
  chunks: number;
  bitrates: number[];
  times: bigint[];
  durations: number[];
}

/** Expands each Smooth StreamIndex's `c` list as dash.js MssParser does (r = fragments in the run). */
export function parseStreamIndexes(xml: string): ParsedStreamIndex[] {
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return [...xml.matchAll(/<StreamIndex [^>]*>[\s\S]*?<\/StreamIndex>/g)].map(([body]) => {
    const tag = /<StreamIndex [^>]*>/.exec(body)![0];
    const bitrates = [...body.matchAll(/<QualityLevel [^>]*Bitrate="(\d+)"/g)].map((m) => Number(m[1]));
    const times: bigint[] = [];
    const durations: number[] = [];
    let t = 0n;
    for (const c of body.matchAll(/<c( t="(\d+)")? d="(\d+)"( r="(\d+)")?\/>/g)) {
      if (c[2] !== undefined) t = BigInt(c[2]);
      else assert.ok(times.length > 0, 'the first c must carry t');
      for (let k = 0; k < Number(c[5] ?? 1); k++) {
        times.push(t);
        durations.push(Number(c[3]));
        t += BigInt(c[3]);
      }
    }
    return { tag, name: attr(tag, 'Name')!, url: attr(tag, 'Url')!, chunks: Number(attr(tag, 'Chunks')), bitrates, times, durations };
  });
}
