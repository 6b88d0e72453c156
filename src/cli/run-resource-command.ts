import { ApiClient } from './api-client.js';
import { CliError, EXIT_CODES, usageError } from './cli-error.js';
import type { CommandContext, Resource } from './command.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { optionFlag, optionString, parseArgs } from './parse-args.js';
import { resolveConnection } from './resolve-connection.js';
import { commandUsage, resourceUsage, resourcesUsage } from './usage-text.js';

/** The process around a command, injectable so tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  fetch?: typeof fetch;
}

const GLOBAL_WITH_VALUE = new Set(GLOBAL_OPTIONS.filter((o) => o.value !== undefined).map((o) => `--${o.name}`));

/** Indexes of the first two positionals (resource and verb), skipping global options' values. */
function findResourceAndVerb(argv: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < argv.length && found.length < 2; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (GLOBAL_WITH_VALUE.has(arg)) i++;
      continue;
    }
    found.push(i);
  }
  return found;
}

/**
 * Runs `tributary <resource> <verb> ...` and returns the exit code. Arguments are checked
 * before the server or key is looked up, so a usage error never sends a request.
 */
export async function runResourceCommand(argv: readonly string[], resources: readonly Resource[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await dispatch(argv, resources, io);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    io.stderr(`Error: ${err.message}\n${err.lines.map((l) => `${l}\n`).join('')}`);
    if (json && err.problemJson) io.stdout(`${err.problemJson}\n`);
    return err.exitCode;
  }
}

async function dispatch(argv: readonly string[], resources: readonly Resource[], io: CliIo): Promise<number> {
  const [resourceAt, verbAt] = findResourceAndVerb(argv);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const resource = resources.find((r) => r.name === argv[resourceAt]);
  if (!resource) throw usageError(`unknown command ${JSON.stringify(argv[resourceAt] ?? '')}`, resourcesUsage(resources));
  if (verbAt === undefined) {
    if (wantsHelp) {
      io.stdout(resourceUsage(resource));
      return EXIT_CODES.ok;
    }
    throw usageError(`tributary ${resource.name} needs a command`, resourceUsage(resource));
  }
  const command = resource.commands.find((c) => c.verb === argv[verbAt]);
  if (!command) throw usageError(`unknown command "${resource.name} ${argv[verbAt]}"`, resourceUsage(resource));
  const usage = commandUsage(resource, command);

  const rest = argv.filter((_, i) => i !== resourceAt && i !== verbAt);
  let args;
  try {
    args = parseArgs(rest, [...GLOBAL_OPTIONS, ...(command.options ?? [])]);
  } catch (err) {
    if (err instanceof CliError) throw usageError(err.message, usage);
    throw err;
  }
  if (optionFlag(args, 'help')) {
    io.stdout(usage);
    return EXIT_CODES.ok;
  }
  const missing = command.params.slice(args.positionals.length);
  if (missing.length > 0) throw usageError(`missing argument <${missing[0]}>`, usage);
  if (args.positionals.length > command.params.length) throw usageError(`unexpected argument ${JSON.stringify(args.positionals[command.params.length])}`, usage);

  let client: ApiClient | undefined;
  const ctx: CommandContext = {
    args,
    json: optionFlag(args, 'json'),
    param: (name) => {
      const at = command.params.indexOf(name);
      if (at < 0) throw new Error(`${resource.name} ${command.verb} declares no parameter ${name}`);
      return args.positionals[at];
    },
    api: () => {
      client ??= new ApiClient(
        resolveConnection({ server: optionString(args, 'server'), apiKey: optionString(args, 'api-key'), dataDir: optionString(args, 'data-dir') }, io.env, io.cwd),
        io.fetch,
      );
      return client;
    },
    show: (res, human) => {
      if (ctx.json) {
        if (res.text !== '') io.stdout(res.text.endsWith('\n') ? res.text : `${res.text}\n`);
      } else io.stdout(human(res.body));
    },
    say: (text) => {
      if (!ctx.json) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
  await command.run(ctx);
  return EXIT_CODES.ok;
}
