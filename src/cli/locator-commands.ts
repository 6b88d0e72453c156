import { checkName, checkUuid } from './check-name.js';
import { usageError } from './cli-error.js';
import type { Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { text } from './format-values.js';
import { optionList, optionString } from './parse-args.js';

interface Locator {
  id: string;
  assetName: string;
  startTime?: string;
  expiryTime?: string;
  filters?: string[];
  created?: string;
  urls?: Record<string, string>;
}

/** Labels for the API's `urls` keys, in the order players care about. */
const URL_LABELS: Record<string, string> = {
  hls: 'HLS',
  hlsCmaf: 'HLS CMAF',
  hlsV3: 'HLS v3',
  dash: 'DASH',
  dashCmaf: 'DASH CMAF',
  smooth: 'Smooth',
  hds: 'HDS',
};

const path = (id: string) => `/locators/${encodeURIComponent(id)}`;

export function describeLocator(l: Locator): string {
  const urls = l.urls ?? {};
  const keys = [...Object.keys(URL_LABELS).filter((k) => k in urls), ...Object.keys(urls).filter((k) => !(k in URL_LABELS))];
  return formatDetails([
    ['Locator', l.id],
    ['Asset', l.assetName],
    ['Start time', l.startTime],
    ['Expiry time', l.expiryTime],
    ['Filters', l.filters && l.filters.length > 0 ? l.filters.join(', ') : undefined],
    ['Created', l.created],
    ...keys.map((k) => [URL_LABELS[k] ?? k, urls[k]] as [string, string]),
  ]);
}

function checkTime(raw: string | undefined, option: string): string | undefined {
  if (raw !== undefined && Number.isNaN(Date.parse(raw))) throw usageError(`${option}: ${JSON.stringify(raw)} is not an ISO 8601 time such as 2030-01-01T00:00:00Z`);
  return raw;
}

export const locatorCommands: Resource = {
  name: 'locator',
  summary: 'Locators publish an asset: they give it playback URLs for a time window.',
  commands: [
    {
      verb: 'create',
      params: ['assetName'],
      summary: 'Publish an asset and print its playback URLs.',
      options: [
        { name: 'id', value: 'UUID', help: 'the locator id, the first part of its URLs (default random)' },
        { name: 'start-time', value: 'ISO', help: 'when the URLs start serving (default now)' },
        { name: 'expiry-time', value: 'ISO', help: 'when they stop serving (default: the API\'s)' },
        { name: 'filter', value: 'NAME', repeat: true, help: "an asset filter every manifest applies (up to 3; see `tributary filter`)" },
      ],
      async run(ctx) {
        const body: Record<string, unknown> = { assetName: checkName(ctx.param('assetName'), 'asset name') };
        const id = optionString(ctx.args, 'id');
        if (id !== undefined) body.id = checkUuid(id, 'locator id');
        const start = checkTime(optionString(ctx.args, 'start-time'), '--start-time');
        if (start !== undefined) body.startTime = start;
        const expiry = checkTime(optionString(ctx.args, 'expiry-time'), '--expiry-time');
        if (expiry !== undefined) body.expiryTime = expiry;
        const filters = optionList(ctx.args, 'filter').map((f) => checkName(f, 'filter name'));
        if (filters.length > 0) body.filters = filters;
        const res = await ctx.api().post<Locator>('/locators', body);
        ctx.show(res, (l) => `Locator ${l.id} created for asset ${l.assetName}.\n\n${describeLocator(l)}`);
      },
    },
    {
      verb: 'list',
      params: [],
      summary: 'List locators.',
      async run(ctx) {
        const res = await ctx.api().get<{ value: Locator[] }>('/locators');
        ctx.show(res, ({ value }) =>
          value.length === 0
            ? 'No locators. Publish an asset with: tributary locator create <assetName>\n'
            : formatTable(['ID', 'ASSET', 'START', 'EXPIRY'], value.map((l) => [l.id, l.assetName, text(l.startTime), text(l.expiryTime)])),
        );
      },
    },
    {
      verb: 'show',
      params: ['id'],
      summary: 'Show a locator and its playback URLs.',
      async run(ctx) {
        const res = await ctx.api().get<Locator>(path(checkUuid(ctx.param('id'), 'locator id')));
        ctx.show(res, describeLocator);
      },
    },
    {
      verb: 'delete',
      params: ['id'],
      summary: 'Delete a locator; its URLs stop serving.',
      async run(ctx) {
        const id = checkUuid(ctx.param('id'), 'locator id');
        const res = await ctx.api().delete(path(id));
        ctx.show(res, () => `Locator ${id} deleted.\n`);
      },
    },
  ],
};
