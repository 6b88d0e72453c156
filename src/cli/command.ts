import type { ApiClient, ApiResponse } from './api-client.js';
import type { OptionSpec, ParsedArgs } from './parse-args.js';

/** What a resource command gets: its arguments, the API and the output. */
export interface CommandContext {
  readonly args: ParsedArgs;
  /** A positional argument by the name the command declared in `params`. */
  param(name: string): string;
  readonly json: boolean;
  /** The API client; the server and key are resolved on first use, after local checks. */
  api(): ApiClient;
  /** With `--json` the API's body exactly as sent (nothing for 204), else `human(body)`. */
  show<T>(res: ApiResponse<T>, human: (body: T) => string): void;
  /** Human-only output (skipped with `--json`). */
  say(text: string): void;
}

/** One `tributary <resource> <verb>`. */
export interface Command {
  verb: string;
  /** Positional arguments, all required, in order: `['channel', 'name']`. */
  params: readonly string[];
  summary: string;
  options?: readonly OptionSpec[];
  /** Extra lines for `--help` (examples, notes). */
  notes?: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}

export interface Resource {
  name: string;
  summary: string;
  commands: readonly Command[];
}
