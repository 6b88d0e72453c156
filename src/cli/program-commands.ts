import { checkName } from './check-name.js';
import { usageError } from './cli-error.js';
import type { CommandContext, Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { text } from './format-values.js';
import { optionString } from './parse-args.js';

interface Program {
  channel: string;
  name: string;
  description?: string;
  assetName: string;
  archiveWindow: string;
  manifestName: string;
  state: string;
  created?: string;
  lastModified?: string;
}

function names(ctx: CommandContext): { channel: string; name: string } {
  return { channel: checkName(ctx.param('channel'), 'channel name'), name: checkName(ctx.param('name'), 'program name') };
}

const listPath = (channel: string) => `/channels/${encodeURIComponent(channel)}/programs`;
const path = ({ channel, name }: { channel: string; name: string }) => `${listPath(channel)}/${encodeURIComponent(name)}`;

export function describeProgram(p: Program): string {
  return formatDetails([
    ['Name', p.name],
    ['Channel', p.channel],
    ['State', p.state],
    ['Description', p.description || undefined],
    ['Asset', p.assetName],
    ['Archive window', p.archiveWindow],
    ['Manifest name', p.manifestName],
    ['Created', p.created],
    ['Last modified', p.lastModified],
  ]);
}

export const programCommands: Resource = {
  name: 'program',
  summary: 'Programs record a channel into an asset with a DVR window.',
  commands: [
    {
      verb: 'create',
      params: ['channel', 'name'],
      summary: 'Create a program (Stopped) on a channel; at most 3 per channel.',
      options: [
        { name: 'archive-window', value: 'DURATION', help: 'ISO 8601 duration kept and seekable, PT5M to PT25H (required), e.g. PT1H' },
        { name: 'asset-name', value: 'A', help: 'asset to record into (default: the program name)' },
        { name: 'manifest-name', value: 'M', help: 'name in playback URLs (default: the channel name)' },
        { name: 'description', value: 'D', help: 'free text' },
      ],
      notes: ['Example: tributary program create ch1 show --archive-window PT1H'],
      async run(ctx) {
        const { channel, name } = names(ctx);
        const archiveWindow = optionString(ctx.args, 'archive-window');
        if (archiveWindow === undefined) throw usageError('--archive-window is required (an ISO 8601 duration such as PT1H)');
        const body: Record<string, unknown> = { name, archiveWindow };
        const asset = optionString(ctx.args, 'asset-name');
        if (asset !== undefined) body.assetName = checkName(asset, 'asset name');
        const manifest = optionString(ctx.args, 'manifest-name');
        if (manifest !== undefined) body.manifestName = checkName(manifest, 'manifest name');
        const description = optionString(ctx.args, 'description');
        if (description !== undefined) body.description = description;
        const res = await ctx.api().post<Program>(listPath(channel), body);
        ctx.show(res, (p) => `Program ${p.name} created on channel ${p.channel} (${p.state}). Start it with: tributary program start ${p.channel} ${p.name}\n\n${describeProgram(p)}`);
      },
    },
    {
      verb: 'list',
      params: ['channel'],
      summary: "List a channel's programs.",
      async run(ctx) {
        const channel = checkName(ctx.param('channel'), 'channel name');
        const res = await ctx.api().get<{ value: Program[] }>(listPath(channel));
        ctx.show(res, ({ value }) =>
          value.length === 0
            ? `Channel ${channel} has no programs. Create one with: tributary program create ${channel} <name> --archive-window PT1H\n`
            : formatTable(['NAME', 'STATE', 'ASSET', 'MANIFEST', 'WINDOW', 'CREATED'], value.map((p) => [p.name, p.state, p.assetName, p.manifestName, p.archiveWindow, text(p.created)])),
        );
      },
    },
    {
      verb: 'show',
      params: ['channel', 'name'],
      summary: 'Show a program.',
      async run(ctx) {
        const res = await ctx.api().get<Program>(path(names(ctx)));
        ctx.show(res, describeProgram);
      },
    },
    {
      verb: 'start',
      params: ['channel', 'name'],
      summary: 'Start recording into the asset (created if missing).',
      async run(ctx) {
        const res = await ctx.api().post<Program>(`${path(names(ctx))}/start`);
        ctx.show(res, (p) => `Program ${p.name} on channel ${p.channel} is ${p.state}, recording into asset ${p.assetName}.\nPublish it with: tributary locator create ${p.assetName}\n`);
      },
    },
    {
      verb: 'stop',
      params: ['channel', 'name'],
      summary: 'Stop recording; the asset plays on demand from then on.',
      async run(ctx) {
        const res = await ctx.api().post<Program>(`${path(names(ctx))}/stop`);
        ctx.show(res, (p) => `Program ${p.name} on channel ${p.channel} is ${p.state}; asset ${p.assetName} now plays on demand.\n`);
      },
    },
    {
      verb: 'delete',
      params: ['channel', 'name'],
      summary: 'Delete a Stopped program (its asset stays).',
      async run(ctx) {
        const n = names(ctx);
        const res = await ctx.api().delete(path(n));
        ctx.show(res, () => `Program ${n.name} deleted from channel ${n.channel}.\n`);
      },
    },
  ],
};
