import { checkName } from './check-name.js';
import type { CommandContext, Resource } from './command.js';
import { formatDetails } from './format-details.js';
import { formatTable } from './format-table.js';
import { formatIpAllow, labelFor, text } from './format-values.js';
import { optionList, optionString, parseWholeNumber } from './parse-args.js';
import { parseIpRange } from './parse-ip-range.js';

/** The fields the CLI knows; any other field the API adds is shown generically. */
interface StreamingEndpoint {
  name: string;
  state: string;
  url?: string;
  port?: number;
  scaleUnits?: number;
  ipAllow?: unknown;
  cors?: { allowOrigins?: string[] };
  [field: string]: unknown;
}

const path = (name: string) => `/streaming-endpoints/${encodeURIComponent(name)}`;

function endpointName(ctx: CommandContext): string {
  return checkName(ctx.param('name'), 'streaming endpoint name');
}

export function describeEndpoint(e: StreamingEndpoint): string {
  const known: [string, string | undefined][] = [
    ['Name', e.name],
    ['State', e.state],
    ['URL', e.url],
    ['Port', e.port === undefined ? undefined : String(e.port)],
    ['Scale units', e.scaleUnits === undefined ? undefined : String(e.scaleUnits)],
    ['Allowed from', formatIpAllow(e.ipAllow)],
    ['CORS origins', e.cors?.allowOrigins ? e.cors.allowOrigins.join(', ') : undefined],
    ['Description', typeof e.description === 'string' && e.description !== '' ? e.description : undefined],
  ];
  const handled = new Set(['name', 'state', 'url', 'port', 'scaleUnits', 'ipAllow', 'cors', 'description']);
  const others = Object.entries(e)
    .filter(([k, v]) => !handled.has(k) && v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [labelFor(k), text(v)] as [string, string]);
  return formatDetails([...known, ...others]);
}

export const endpointCommands: Resource = {
  name: 'endpoint',
  summary: 'Streaming endpoints serve playback; `default` always runs on the HTTP port.',
  commands: [
    {
      verb: 'create',
      params: ['name'],
      summary: 'Create a streaming endpoint that serves on its own port while Running.',
      options: [
        { name: 'port', value: 'N', help: 'the port it serves on' },
        { name: 'scale-units', value: 'N', help: 'capacity units' },
        { name: 'ip-allow', value: 'CIDR', repeat: true, help: 'addresses allowed to play (default any)' },
        { name: 'cors-origin', value: 'ORIGIN', repeat: true, help: 'allowed CORS origins (default *)' },
        { name: 'description', value: 'D', help: 'free text' },
      ],
      async run(ctx) {
        const body: Record<string, unknown> = { name: endpointName(ctx) };
        const port = optionString(ctx.args, 'port');
        if (port !== undefined) body.port = parseWholeNumber(port, '--port');
        const units = optionString(ctx.args, 'scale-units');
        if (units !== undefined) body.scaleUnits = parseWholeNumber(units, '--scale-units');
        const allow = optionList(ctx.args, 'ip-allow');
        if (allow.length > 0) body.ipAllow = allow.map((r) => parseIpRange(r, '--ip-allow'));
        const origins = optionList(ctx.args, 'cors-origin');
        if (origins.length > 0) body.cors = { allowOrigins: origins };
        const description = optionString(ctx.args, 'description');
        if (description !== undefined) body.description = description;
        const res = await ctx.api().post<StreamingEndpoint>('/streaming-endpoints', body);
        ctx.show(res, (e) => `Streaming endpoint ${e.name} created (${e.state}).\n\n${describeEndpoint(e)}`);
      },
    },
    {
      verb: 'list',
      params: [],
      summary: 'List streaming endpoints.',
      async run(ctx) {
        const res = await ctx.api().get<{ value: StreamingEndpoint[] }>('/streaming-endpoints');
        ctx.show(res, ({ value }) => formatTable(['NAME', 'STATE', 'SCALE UNITS', 'URL'], value.map((e) => [e.name, e.state, text(e.scaleUnits), text(e.url)])));
      },
    },
    {
      verb: 'show',
      params: ['name'],
      summary: 'Show a streaming endpoint.',
      async run(ctx) {
        const res = await ctx.api().get<StreamingEndpoint>(path(endpointName(ctx)));
        ctx.show(res, describeEndpoint);
      },
    },
    {
      verb: 'start',
      params: ['name'],
      summary: 'Start serving on the endpoint\'s port.',
      async run(ctx) {
        const res = await ctx.api().post<StreamingEndpoint>(`${path(endpointName(ctx))}/start`);
        ctx.show(res, (e) => `Streaming endpoint ${e.name} is ${e.state}.\n`);
      },
    },
    {
      verb: 'stop',
      params: ['name'],
      summary: 'Stop serving (its URLs answer nothing until started again).',
      async run(ctx) {
        const res = await ctx.api().post<StreamingEndpoint>(`${path(endpointName(ctx))}/stop`);
        ctx.show(res, (e) => `Streaming endpoint ${e.name} is ${e.state}.\n`);
      },
    },
    {
      verb: 'scale',
      params: ['name', 'scaleUnits'],
      summary: 'Set the endpoint\'s scale units.',
      async run(ctx) {
        const name = endpointName(ctx);
        const scaleUnits = parseWholeNumber(ctx.param('scaleUnits'), '<scaleUnits>');
        const res = await ctx.api().post<StreamingEndpoint>(`${path(name)}/scale`, { scaleUnits });
        ctx.show(res, (e) => `Streaming endpoint ${e.name ?? name} has ${e.scaleUnits ?? scaleUnits} scale units.\n`);
      },
    },
    {
      verb: 'delete',
      params: ['name'],
      summary: 'Delete a streaming endpoint (not `default`).',
      async run(ctx) {
        const name = endpointName(ctx);
        const res = await ctx.api().delete(path(name));
        ctx.show(res, () => `Streaming endpoint ${name} deleted.\n`);
      },
    },
  ],
};
