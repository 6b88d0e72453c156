import type { Presentation } from '../../model/presentation.js';
import { startTag } from '../dash/xml-element.js';
import { writeAbst } from './abst-box.js';
import { hdsBootstrap } from './hds-bootstrap.js';
import { hdsMetadata } from './hds-metadata.js';
import { bootstrapPath, mediaUrlPrefix } from './hds-path.js';
import { hdsBitrate, hdsStreams, type HdsStream } from './hds-streams.js';

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/**
 * The HDS manifest (Adobe F4M 1.0, namespace http://ns.adobe.com/f4m/1.0, the one HDS clients
 * such as yt-dlp's f4m downloader read), one media element per rendition (hds-streams.ts):
 *
 * - live: `streamType` live, each bootstrap by URL because it changes with every fragment and
 *   the client must refetch it; `dvrInfo` says how far back the window reaches (F4M 1.0:
 *   `endOffset` seconds before the live point, 0 for no limit; OSMF's DVRInfo reads it so).
 * - ended (on demand): `streamType` recorded, `duration`, the bootstrap inline in base64 (it no
 *   longer changes, and saves a request).
 *
 * Every URL is relative to the manifest, so the origin works behind any proxy (CONTRACT §4).
 * Undefined when there is nothing to list yet.
 */
export function renderF4m(p: Presentation, filters?: readonly string[]): string | undefined {
  const streams = hdsStreams(p).filter((s) => s.main.entries.length > 0);
  if (streams.length === 0) return undefined;
  const duration = p.ended ? windowSeconds(streams[0]) : undefined;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<manifest xmlns="http://ns.adobe.com/f4m/1.0">'];
  lines.push(`  <streamType>${p.ended ? 'recorded' : 'live'}</streamType>`);
  lines.push('  <deliveryType>streaming</deliveryType>');
  if (duration !== undefined) lines.push(`  <duration>${duration.toFixed(3)}</duration>`);
  if (!p.ended) lines.push(`  ${startTag('dvrInfo', [['beginOffset', 0], ['endOffset', p.dvrWindowMs === undefined ? 0 : Math.floor(p.dvrWindowMs / 1000)]], true)}`);
  for (const s of streams) {
    const { id, bitrate } = s.main.track;
    const attrs = [['profile', 'named'], ['id', bootstrapId(s)]] as const;
    if (p.ended) lines.push(`  ${startTag('bootstrapInfo', attrs)}${base64(writeAbst(hdsBootstrap(p, s)))}</bootstrapInfo>`);
    else lines.push(`  ${startTag('bootstrapInfo', [...attrs, ['url', bootstrapPath(bitrate, id, filters)]], true)}`);
  }
  for (const s of streams) {
    const { id, bitrate } = s.main.track;
    const video = s.video?.track.codec.kind === 'h264' ? s.video.track.codec : undefined;
    lines.push(
      `  ${startTag('media', [
        ['streamId', id],
        ['bitrate', Math.round(hdsBitrate(s) / 1000)],
        ['url', mediaUrlPrefix(bitrate, id, filters)],
        ['bootstrapInfoId', bootstrapId(s)],
        ['width', video?.width],
        ['height', video?.height],
      ])}`,
    );
    lines.push(`    <metadata>${base64(hdsMetadata(s, duration))}</metadata>`);
    lines.push('  </media>');
  }
  lines.push('</manifest>', '');
  return lines.join('\n');
}

function bootstrapId(s: HdsStream): string {
  return `bootstrap_${s.main.track.id}`;
}

/** Seconds from the start of the first listed fragment to the end of the last. */
function windowSeconds(s: HdsStream): number {
  const { track, entries } = s.main;
  const last = entries[entries.length - 1];
  return Number(last.decodeTime + BigInt(last.duration) - entries[0].decodeTime) / track.timescale;
}
