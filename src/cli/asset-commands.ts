import { checkName } from './check-name.js';
import type { Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { formatBitrate, formatBytes, formatDuration, text } from './format-values.js';

interface Track {
  id: string;
  type: string;
  codec: string;
  bitrate: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  language?: string;
}

interface Asset {
  name: string;
  state: string;
  created?: string;
  lastModified?: string;
  channel?: string;
  program?: string;
  manifestName?: string;
  durationMs?: number;
  sizeBytes?: number;
  tracks?: Track[];
  startTimestamp?: number;
  endTimestamp?: number;
}

const path = (name: string) => `/assets/${encodeURIComponent(name)}`;

function trackDetail(t: Track): string {
  if (t.type === 'video' && t.width && t.height) return `${t.width}x${t.height}`;
  if (t.type === 'audio') return [t.sampleRate ? `${t.sampleRate} Hz` : '', t.channels ? `${t.channels} ch` : '', t.language ?? ''].filter(Boolean).join(', ');
  return t.language ?? '';
}

export function describeAsset(a: Asset): string {
  let out = formatDetails([
    ['Name', a.name],
    ['State', a.state === 'live' ? 'live (a program is recording it)' : a.state === 'ready' ? 'ready (on demand)' : a.state],
    ['Channel', a.channel],
    ['Program', a.program],
    ['Manifest name', a.manifestName],
    ['Duration', formatDuration(a.durationMs)],
    ['Size', formatBytes(a.sizeBytes)],
    // Where filter times point: 100 ns units on the asset's media time line.
    ['Media time', a.startTimestamp === undefined ? undefined : `${a.startTimestamp} to ${a.endTimestamp} (100 ns units, for filters)`],
    ['Created', a.created],
    ['Last modified', a.lastModified],
  ]);
  const tracks = a.tracks ?? [];
  out += '\n' + (tracks.length === 0 ? 'No tracks yet.\n' : formatTable(['TRACK', 'TYPE', 'CODEC', 'BITRATE', 'DETAILS'], tracks.map((t) => [t.id, t.type, t.codec, formatBitrate(t.bitrate), trackDetail(t)])));
  return out;
}

export const assetCommands: Resource = {
  name: 'asset',
  summary: 'Assets hold what programs recorded; locators publish them.',
  commands: [
    {
      verb: 'list',
      params: [],
      summary: 'List assets.',
      async run(ctx) {
        const res = await ctx.api().get<{ value: Asset[] }>('/assets');
        ctx.show(res, ({ value }) =>
          value.length === 0
            ? 'No assets. A program creates its asset when it starts.\n'
            : formatTable(['NAME', 'STATE', 'DURATION', 'SIZE', 'TRACKS', 'CREATED'], value.map((a) => [a.name, a.state, formatDuration(a.durationMs), formatBytes(a.sizeBytes), String(a.tracks?.length ?? 0), text(a.created)])),
        );
      },
    },
    {
      verb: 'show',
      params: ['name'],
      summary: 'Show an asset and its tracks.',
      async run(ctx) {
        const res = await ctx.api().get<Asset>(path(checkName(ctx.param('name'), 'asset name')));
        ctx.show(res, describeAsset);
      },
    },
    {
      verb: 'delete',
      params: ['name'],
      summary: 'Delete an asset and its media (if the server supports it).',
      async run(ctx) {
        const name = checkName(ctx.param('name'), 'asset name');
        const res = await ctx.api().delete(path(name));
        ctx.show(res, () => `Asset ${name} deleted.\n`);
      },
    },
  ],
};
