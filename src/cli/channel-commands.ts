import { checkName } from './check-name.js';
import { usageError } from './cli-error.js';
import type { CommandContext, Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { formatBitrate, formatIpAllow, text } from './format-values.js';
import { optionList, optionString, parseWholeNumber } from './parse-args.js';
import { parseIpRange } from './parse-ip-range.js';

/** The channel fields the CLI shows; the API may send more. */
interface Channel {
  name: string;
  description?: string;
  state: string;
  input: { protocol: string; keyFrameIntervalMs?: number; accessToken?: string; ipAllow?: unknown; endpoints?: { protocol: string; url: string }[] };
  preview?: { ipAllow?: unknown; endpoints?: { protocol: string; url: string }[] };
  created?: string;
  lastModified?: string;
}

const path = (name: string) => `/channels/${encodeURIComponent(name)}`;

function channelName(ctx: CommandContext): string {
  return checkName(ctx.param('name'), 'channel name');
}

/** The show block: everything an operator needs to point an encoder and a player at it. */
export function describeChannel(c: Channel): string {
  const ingest = c.input.endpoints ?? [];
  const suffix = c.input.protocol === 'rtmp' ? '/{streamName}' : '/Streams({streamName})';
  const preview = c.preview?.endpoints?.[0]?.url;
  const pairs: [string, string | undefined][] = [
    ['Name', c.name],
    ['State', c.state],
    ['Description', c.description || undefined],
    ['Protocol', c.input.protocol],
    ['Key frame interval', c.input.keyFrameIntervalMs === undefined ? undefined : `${c.input.keyFrameIntervalMs} ms`],
    ['Access token', c.input.accessToken],
    ['Ingest allowed from', formatIpAllow(c.input.ipAllow)],
    ['Ingest primary', ingest[0] ? ingest[0].url + suffix : undefined],
    ['Ingest secondary', ingest[1] ? ingest[1].url + suffix : undefined],
  ];
  if (c.input.protocol === 'rtmp' && ingest[0]) pairs.push(['OBS', `server ${ingest[0].url}, stream key {streamName}`]);
  pairs.push(
    ['Preview', preview],
    ['Preview HLS', preview ? `${preview}(format=m3u8-cmaf)` : undefined],
    ['Preview DASH', preview ? `${preview}(format=mpd-time-cmaf)` : undefined],
    ['Preview allowed from', c.preview ? formatIpAllow(c.preview.ipAllow) : undefined],
    ['Created', c.created],
    ['Last modified', c.lastModified],
  );
  return formatDetails(pairs);
}

interface IngestStatus {
  running?: boolean;
  availabilityStartTime?: string | null;
  encoders?: { stream: string; encoder: string; role: string; remoteAddress: string; since: string; connected: boolean; aligned: boolean | null; duplicatesDropped: number }[];
  tracks?: { id: string; type: string; version?: number; bitrate?: number; measuredBitrate?: number | null; fragmentsReceived?: number; fragmentsListed?: number; duplicatesDropped?: number; lastDecodeTime?: string | null; timescale?: number; discontinuities?: number }[];
  listingDelayMs?: { count: number; p50: number | null; p99: number | null; max: number | null };
}

export function describeIngest(name: string, s: IngestStatus): string {
  const delay = s.listingDelayMs;
  let out = formatDetails([
    ['Channel', name],
    ['Ingest', s.running === false ? 'not running (the channel is not Running)' : 'running'],
    ['Media since', s.availabilityStartTime ?? undefined],
    ['Listing delay', delay && delay.count > 0 ? `p50 ${delay.p50} ms, p99 ${delay.p99} ms, max ${delay.max} ms (last ${delay.count} fragments)` : undefined],
  ]);
  const encoders = s.encoders ?? [];
  out += '\n' + (encoders.length === 0
    ? 'No encoder has published yet.\n'
    : formatTable(
        ['STREAM', 'ROLE', 'ENCODER', 'ADDRESS', 'SINCE', 'CONNECTED', 'ALIGNED', 'DUPLICATES'],
        encoders.map((x) => [x.stream, x.role, x.encoder, x.remoteAddress, x.since, x.connected ? 'yes' : 'no', x.aligned === null ? '-' : x.aligned ? 'yes' : 'no', text(x.duplicatesDropped)]),
      ));
  const tracks = s.tracks ?? [];
  if (tracks.length > 0) {
    out += '\n' + formatTable(
      ['TRACK', 'TYPE', 'BITRATE', 'MEASURED', 'RECEIVED', 'LISTED', 'DUPLICATES', 'LAST DECODE TIME', 'DISCONTINUITIES'],
      tracks.map((t) => [
        t.id,
        t.type,
        formatBitrate(t.bitrate),
        formatBitrate(t.measuredBitrate ?? undefined),
        text(t.fragmentsReceived),
        text(t.fragmentsListed),
        text(t.duplicatesDropped),
        t.lastDecodeTime && t.timescale ? `${t.lastDecodeTime}/${t.timescale}` : text(t.lastDecodeTime),
        text(t.discontinuities),
      ]),
    );
  }
  return out;
}

const PROTOCOLS = ['rtmp', 'fmp4'];

export const channelCommands: Resource = {
  name: 'channel',
  summary: 'Channels receive a live input (RTMP or Smooth/fMP4) while Running.',
  commands: [
    {
      verb: 'create',
      params: ['name'],
      summary: 'Create a channel (Stopped) and print its ingest URLs.',
      options: [
        { name: 'protocol', value: 'rtmp|fmp4', help: 'ingest protocol (default rtmp)' },
        { name: 'key-frame-interval-ms', value: 'N', help: 'the encoders\' key frame interval, the segment duration (default 2000)' },
        { name: 'access-token', value: 'T', help: 'secret part of the ingest URLs (default: 32 random hex characters)' },
        { name: 'description', value: 'D', help: 'free text' },
        { name: 'ip-allow', value: 'CIDR', repeat: true, help: 'addresses allowed to publish, e.g. 10.0.0.0/8 (default any)' },
      ],
      notes: ['Example: tributary channel create ch1 --protocol rtmp --ip-allow 192.0.2.0/24'],
      async run(ctx) {
        const name = channelName(ctx);
        const protocol = optionString(ctx.args, 'protocol') ?? 'rtmp';
        if (!PROTOCOLS.includes(protocol)) throw usageError(`--protocol must be rtmp or fmp4, not ${JSON.stringify(protocol)}`);
        const input: Record<string, unknown> = { protocol };
        const kfi = optionString(ctx.args, 'key-frame-interval-ms');
        if (kfi !== undefined) input.keyFrameIntervalMs = parseWholeNumber(kfi, '--key-frame-interval-ms');
        const token = optionString(ctx.args, 'access-token');
        if (token !== undefined) input.accessToken = token;
        const allow = optionList(ctx.args, 'ip-allow');
        if (allow.length > 0) input.ipAllow = allow.map((r) => parseIpRange(r, '--ip-allow'));
        const body: Record<string, unknown> = { name, input };
        const description = optionString(ctx.args, 'description');
        if (description !== undefined) body.description = description;
        const res = await ctx.api().post<Channel>('/channels', body);
        ctx.show(res, (c) => `Channel ${c.name} created (${c.state}). Start it with: tributary channel start ${c.name}\n\n${describeChannel(c)}`);
      },
    },
    {
      verb: 'list',
      params: [],
      summary: 'List channels.',
      async run(ctx) {
        const res = await ctx.api().get<{ value: Channel[] }>('/channels');
        ctx.show(res, ({ value }) =>
          value.length === 0
            ? 'No channels. Create one with: tributary channel create <name>\n'
            : formatTable(['NAME', 'STATE', 'PROTOCOL', 'CREATED', 'DESCRIPTION'], value.map((c) => [c.name, c.state, c.input.protocol, text(c.created), c.description ?? ''])),
        );
      },
    },
    {
      verb: 'show',
      params: ['name'],
      summary: 'Show a channel with its ingest and preview URLs.',
      async run(ctx) {
        const res = await ctx.api().get<Channel>(path(channelName(ctx)));
        ctx.show(res, describeChannel);
      },
    },
    {
      verb: 'start',
      params: ['name'],
      summary: 'Start a channel; it accepts input once Running.',
      async run(ctx) {
        const res = await ctx.api().post<Channel>(`${path(channelName(ctx))}/start`);
        ctx.show(res, (c) => `Channel ${c.name} is ${c.state}.\n\n${describeChannel(c)}`);
      },
    },
    {
      verb: 'stop',
      params: ['name'],
      summary: 'Stop a channel (its programs must be stopped first).',
      async run(ctx) {
        const res = await ctx.api().post<Channel>(`${path(channelName(ctx))}/stop`);
        ctx.show(res, (c) => `Channel ${c.name} is ${c.state}.\n`);
      },
    },
    {
      verb: 'reset',
      params: ['name'],
      summary: 'Drop the connected encoders and the live timeline; programs\' assets stay.',
      async run(ctx) {
        const res = await ctx.api().post<Channel>(`${path(channelName(ctx))}/reset`);
        ctx.show(res, (c) => `Channel ${c.name} was reset and is ${c.state}.\n`);
      },
    },
    {
      verb: 'delete',
      params: ['name'],
      summary: 'Delete a Stopped channel and its programs (their assets stay).',
      async run(ctx) {
        const name = channelName(ctx);
        const res = await ctx.api().delete(path(name));
        ctx.show(res, () => `Channel ${name} deleted.\n`);
      },
    },
    {
      verb: 'ingest',
      params: ['name'],
      summary: 'Show live ingest health: encoders connected, tracks, fragments, delays.',
      async run(ctx) {
        const name = channelName(ctx);
        const res = await ctx.api().get<IngestStatus>(`${path(name)}/ingest`);
        ctx.show(res, (s) => describeIngest(name, s));
      },
    },
  ],
};
