import type { Command, Resource } from './command.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import type { OptionSpec } from './parse-args.js';

function optionLines(specs: readonly OptionSpec[]): string[] {
  const heads = specs.map((s) => `--${s.name}${s.value ? ` ${s.value}` : ''}${s.repeat ? ' ...' : ''}`);
  const width = Math.max(...heads.map((h) => h.length));
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}  ${s.help}`);
}

export function commandSynopsis(resource: Resource, command: Command): string {
  const params = command.params.map((p) => `<${p}>`).join(' ');
  return `tributary ${resource.name} ${command.verb}${params ? ` ${params}` : ''}${command.options?.length ? ' [options]' : ''}`;
}

/** `tributary channel create --help`. */
export function commandUsage(resource: Resource, command: Command): string {
  const lines = [`Usage: ${commandSynopsis(resource, command)}`, '', command.summary];
  if (command.notes?.length) lines.push('', ...command.notes);
  if (command.options?.length) lines.push('', 'Options:', ...optionLines(command.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  return lines.join('\n') + '\n';
}

/** `tributary channel --help`. */
export function resourceUsage(resource: Resource): string {
  const synopses = resource.commands.map((c) => commandSynopsis(resource, c));
  const width = Math.max(...synopses.map((s) => s.length));
  const lines = [
    `Usage: tributary ${resource.name} <command> [options]`,
    '',
    resource.summary,
    '',
    'Commands:',
    ...resource.commands.map((c, i) => `  ${synopses[i].padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    `Run \`tributary ${resource.name} <command> --help\` for a command's options.`,
  ];
  return lines.join('\n') + '\n';
}

/** The resource part of `tributary --help`. */
export function resourcesUsage(resources: readonly Resource[]): string {
  const width = Math.max(...resources.map((r) => r.name.length));
  return [
    'Management commands (talk to a running server over the API):',
    ...resources.map((r) => `  tributary ${r.name.padEnd(width)}  ${r.commands.map((c) => c.verb).join('|')}`),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 done, 1 the API refused (the error and its code are printed), 2 usage error,',
    '3 the server cannot be reached, 4 no API key or the key was refused.',
    'Run `tributary <resource> --help` or `tributary <resource> <command> --help` for details.',
  ].join('\n') + '\n';
}
