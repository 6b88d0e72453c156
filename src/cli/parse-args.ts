import { usageError } from './cli-error.js';

/** One `--option`: with `value` it takes an argument (named so in help), without it is a switch. */
export interface OptionSpec {
  name: string;
  value?: string;
  /** May be given more than once; values also split on commas. */
  repeat?: boolean;
  help: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** A switch maps to true, a repeatable option to every value, any other option to its value. */
  options: Map<string, string | string[] | true>;
}

/**
 * Parses `--name value`, `--name=value`, switches, `-h` (as `--help`) and `--` (the rest are
 * positionals). Anything unknown or malformed is a usage error, never silently ignored.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | string[] | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw usageError(`unknown option ${arg}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw usageError(`unknown option --${name}`);
    if (spec.value === undefined) {
      if (eq > 0) throw usageError(`--${name} takes no value`);
      options.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      // `--description --json` is a forgotten value, not a description; use `=` to mean it.
      if (value === undefined || value.startsWith('--')) throw usageError(`--${name} needs a value (${spec.value})`);
      i++;
    }
    if (spec.repeat) {
      const previous = options.get(name);
      const list = Array.isArray(previous) ? previous : [];
      list.push(...value.split(',').map((v) => v.trim()).filter((v) => v !== ''));
      options.set(name, list);
    } else {
      if (options.has(name)) throw usageError(`--${name} given twice`);
      options.set(name, value);
    }
  }
  return { positionals, options };
}

/** The value of a single-valued option, or undefined. */
export function optionString(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable option (empty when absent). */
export function optionList(args: ParsedArgs, name: string): string[] {
  const v = args.options.get(name);
  return Array.isArray(v) ? v : [];
}

export function optionFlag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

/** A whole non-negative number given to an option or argument, else a usage error. */
export function parseWholeNumber(raw: string, what: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw usageError(`${what} must be a whole number, not ${JSON.stringify(raw)}`);
  return Number(raw);
}
