import { CliError, EXIT_CODES } from './cli-error.js';
import type { Connection } from './resolve-connection.js';

/** A successful answer: the body parsed, and the exact text for `--json`. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  /** The response body as the server sent it ('' for 204). */
  text: string;
}

interface ProblemBody {
  status?: number;
  detail?: string;
  code?: string;
  invalidParams?: { name: string; reason: string }[];
}

const TIMEOUT_MS = 60_000;

/**
 * The management API over fetch. Every failure becomes a CliError with its exit code: the server
 * unreachable (3), the key refused (4), any other problem (1) with its detail and code.
 */
export class ApiClient {
  constructor(
    private readonly connection: Connection,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get server(): string {
    return this.connection.server;
  }

  get<T>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  delete(path: string): Promise<ApiResponse<unknown>> {
    return this.request('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const url = `${this.connection.server}/api/v1${path}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.apiKey}`,
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await res.text();
    } catch (err) {
      throw unreachable(this.connection.server, err);
    }
    const parsed = parseJson(text);
    if (res.status === 401 || res.status === 403) {
      const problem = (parsed ?? {}) as ProblemBody;
      throw new CliError(
        `the API key was refused${problem.code ? ` (${problem.code})` : ` (HTTP ${res.status})`}`,
        EXIT_CODES.auth,
        [`The key came from ${this.connection.apiKeySource}; the server's key is in its data directory (api-key) or its configuration.`],
        text,
      );
    }
    if (res.ok) {
      if (text !== '' && parsed === undefined) throw notTributary(this.connection.server, method, url, res.status);
      return { status: res.status, body: parsed as T, text };
    }
    const problem = parsed as ProblemBody | undefined;
    if (!problem || typeof problem !== 'object' || typeof problem.code !== 'string') throw notTributary(this.connection.server, method, url, res.status);
    if (res.status === 404 && typeof problem.detail === 'string' && problem.detail.startsWith('no route ')) {
      throw new CliError(`this server has no ${method} /api/v1${path.split('?')[0]}: it does not support this command yet (${problem.code})`, EXIT_CODES.api, [], text);
    }
    const lines = (problem.invalidParams ?? []).map((p) => `  ${p.name}: ${p.reason}`);
    throw new CliError(`${problem.detail ?? `HTTP ${res.status}`} (${problem.code})`, EXIT_CODES.api, lines, text);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function unreachable(server: string, err: unknown): CliError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const reason =
    e?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err));
  return new CliError(`cannot reach Tributary at ${server}: is \`tributary serve\` running?`, EXIT_CODES.unreachable, [`(${reason}; set the server with --server URL or TRIBUTARY_SERVER)`]);
}

function notTributary(server: string, method: string, url: string, status: number): CliError {
  return new CliError(`${method} ${url} answered HTTP ${status} without a Tributary response: is ${server} a Tributary server?`, EXIT_CODES.api);
}
