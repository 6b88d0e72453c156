/** The CLI's exit codes: scripts switch on these. */
export const EXIT_CODES = {
  ok: 0,
  /** The API answered with a problem (4xx/5xx other than 401/403). */
  api: 1,
  /** Unknown command or option, missing or invalid argument: nothing was sent. */
  usage: 2,
  /** The server could not be reached. */
  unreachable: 3,
  /** No API key, or the server refused it (401/403). */
  auth: 4,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A failure the CLI reports without a stack trace: `message` goes after "Error: ", `lines`
 * (invalid fields, hints) below it, and `problemJson` is the API's problem body for `--json`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly lines: readonly string[] = [],
    readonly problemJson?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage error (exit 2); `usage` is the text of the command it concerns. */
export function usageError(message: string, usage?: string): CliError {
  return new CliError(message, EXIT_CODES.usage, usage === undefined ? [] : ['', usage.trimEnd()]);
}
