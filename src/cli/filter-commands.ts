import { checkName } from './check-name.js';
import { usageError } from './cli-error.js';
import type { CommandContext, Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { text } from './format-values.js';
import { optionFlag, optionList, optionString } from './parse-args.js';

interface Condition {
  property: string;
  operation?: string;
  value: string;
}

interface AssetFilter {
  name: string;
  assetName: string;
  presentationTimeRange?: Record<string, number | boolean>;
  firstQuality?: { bitrate: number };
  tracks?: { trackSelections: Condition[] }[];
  created?: string;
  lastModified?: string;
}

const PROPERTIES: Record<string, string> = { type: 'Type', name: 'Name', language: 'Language', fourcc: 'FourCC', bitrate: 'Bitrate' };
const TIMES = [
  ['start', 'startTimestamp'],
  ['end', 'endTimestamp'],
  ['window', 'presentationWindowDuration'],
  ['backoff', 'liveBackoffDuration'],
] as const;

const listPath = (asset: string) => `/assets/${encodeURIComponent(asset)}/filters`;

function names(ctx: CommandContext): { asset: string; name: string } {
  return { asset: checkName(ctx.param('asset'), 'asset name'), name: checkName(ctx.param('name'), 'filter name') };
}

/**
 * `type=video+bitrate=0-1500000` → one track selection: conditions joined by `+` must all hold;
 * `!=` is NotEqual. Several --track options (or comma-separated ones) are alternatives.
 */
export function parseTrackSelection(spec: string): { trackSelections: Condition[] } {
  const trackSelections = spec.split('+').map((part) => {
    const m = /^([A-Za-z]+)(!?=)(.+)$/.exec(part.trim());
    const property = m && PROPERTIES[m[1].toLowerCase()];
    if (!m || !property) throw usageError(`--track ${JSON.stringify(spec)}: write conditions as property=value or property!=value joined by +, with property one of ${Object.keys(PROPERTIES).join(', ')}`);
    return { property, operation: m[2] === '=' ? 'Equal' : 'NotEqual', value: m[3] };
  });
  return { trackSelections };
}

function wholeNumber(raw: string, option: string): number {
  if (!/^\d{1,16}$/.test(raw)) throw usageError(`--${option} must be a whole number, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

function describeCondition(c: Condition): string {
  return `${c.property}${c.operation === 'NotEqual' ? '!=' : '='}${c.value}`;
}

export function describeFilter(f: AssetFilter): string {
  const r = f.presentationTimeRange ?? {};
  return formatDetails([
    ['Filter', f.name],
    ['Asset', f.assetName],
    ...TIMES.map(([label, key]) => [`${label[0].toUpperCase()}${label.slice(1)}`, r[key] === undefined ? undefined : String(r[key])] as [string, string | undefined]),
    ['Timescale', r.timescale === undefined ? undefined : String(r.timescale)],
    ['Force end', r.forceEndTimestamp ? 'yes' : undefined],
    ['First quality', f.firstQuality ? `${f.firstQuality.bitrate} b/s` : undefined],
    ['Tracks', f.tracks?.map((s) => s.trackSelections.map(describeCondition).join(' + ')).join('  or  ') || 'all'],
    ['Created', f.created],
    ['Last modified', f.lastModified],
  ]);
}

export const filterCommands: Resource = {
  name: 'filter',
  summary: "Filters narrow what an asset's manifests show: a time range, a live window, a choice of tracks.",
  commands: [
    {
      verb: 'create',
      params: ['asset', 'name'],
      summary: 'Create a filter of an asset; playback URLs apply it with filter=<name>.',
      options: [
        { name: 'start', value: 'T', help: 'absolute start on the media time line (see `asset show`), in timescale units' },
        { name: 'end', value: 'T', help: 'absolute end; live only with --force-end' },
        { name: 'window', value: 'D', help: 'live: the DVR window viewers get (at least 60 s)' },
        { name: 'backoff', value: 'D', help: 'live: how far behind the live edge manifests stop (at most 300 s)' },
        { name: 'timescale', value: 'N', help: 'units per second of the four times above (default 10000000: 100 ns; 1 for seconds)' },
        { name: 'force-end', help: 'apply --end while still live' },
        { name: 'first-bitrate', value: 'BPS', help: 'HLS: list the variant nearest this bitrate first' },
        { name: 'track', value: 'SPEC', repeat: true, help: 'keep tracks matching SPEC, e.g. type=video+bitrate=0-1500000 (repeat: or)' },
      ],
      notes: [
        'Example: tributary filter create show mobile --track type=video+bitrate=0-1500000 --track type=audio+language=en',
        'Example: tributary filter create show delayed --timescale 1 --window 600 --backoff 30',
      ],
      async run(ctx) {
        const { asset, name } = names(ctx);
        const body: Record<string, unknown> = { name };
        const range: Record<string, number | boolean> = {};
        for (const [option, key] of TIMES) {
          const raw = optionString(ctx.args, option);
          if (raw !== undefined) range[key] = wholeNumber(raw, option);
        }
        const timescale = optionString(ctx.args, 'timescale');
        if (timescale !== undefined) range.timescale = wholeNumber(timescale, 'timescale');
        if (optionFlag(ctx.args, 'force-end')) range.forceEndTimestamp = true;
        if (Object.keys(range).length > 0) body.presentationTimeRange = range;
        const first = optionString(ctx.args, 'first-bitrate');
        if (first !== undefined) body.firstQuality = { bitrate: wholeNumber(first, 'first-bitrate') };
        const tracks = optionList(ctx.args, 'track').map(parseTrackSelection);
        if (tracks.length > 0) body.tracks = tracks;
        const res = await ctx.api().post<AssetFilter>(listPath(asset), body);
        ctx.show(res, (f) => `Filter ${f.name} created on asset ${f.assetName}: add filter=${f.name} to a manifest URL's options.\n\n${describeFilter(f)}`);
      },
    },
    {
      verb: 'list',
      params: ['asset'],
      summary: "List an asset's filters.",
      async run(ctx) {
        const asset = checkName(ctx.param('asset'), 'asset name');
        const res = await ctx.api().get<{ value: AssetFilter[] }>(listPath(asset));
        ctx.show(res, ({ value }) =>
          value.length === 0
            ? `Asset ${asset} has no filters. Create one with: tributary filter create ${asset} <name> --track type=video\n`
            : formatTable(['NAME', 'TIME RANGE', 'TRACKS', 'CREATED'], value.map((f) => [f.name, f.presentationTimeRange ? 'yes' : 'all', String(f.tracks?.length ?? 'all'), text(f.created)])),
        );
      },
    },
    {
      verb: 'show',
      params: ['asset', 'name'],
      summary: 'Show a filter.',
      async run(ctx) {
        const { asset, name } = names(ctx);
        ctx.show(await ctx.api().get<AssetFilter>(`${listPath(asset)}/${name}`), describeFilter);
      },
    },
    {
      verb: 'delete',
      params: ['asset', 'name'],
      summary: 'Delete a filter (refused while a locator applies it by default).',
      async run(ctx) {
        const { asset, name } = names(ctx);
        const res = await ctx.api().delete(`${listPath(asset)}/${name}`);
        ctx.show(res, () => `Filter ${name} of asset ${asset} deleted.\n`);
      },
    },
  ],
};
