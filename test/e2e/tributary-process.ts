// Starts the real `tributary serve` (the compiled CLI) on free loopback ports with a fresh data
// directory, reads the ports it chose from its start-up output, and talks to its API.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from './harness/repo-root.js';
import { spawnManaged, type ExitInfo, type ManagedProcess } from './harness/process.js';

export interface Tributary {
  process: ManagedProcess;
  dataDir: string;
  httpBase: string;
  rtmpPrimary: string;
  rtmpSecondary: string;
  apiKey: string;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The server's structured log lines (pino JSON on stdout) parsed. */
  logs(): Record<string, unknown>[];
  /** Resident memory of the server process in bytes (Linux /proc). */
  rssBytes(): Promise<number>;
  /** SIGKILL (a crash: no shutdown code runs), wait for the exit; the data directory stays. */
  kill(): Promise<ExitInfo>;
  /** SIGTERM, wait for the exit; the data directory is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<ExitInfo>;
}

export async function startTributary(
  options: { extraArgs?: string[]; dataDir?: string; /** The CA to trust when the server speaks HTTPS. */ ca?: Buffer; /** Node options, such as --expose-gc. */ nodeArgs?: string[] } = {},
): Promise<Tributary> {
  const root = findRepoRoot();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tributary-e2e-')));
  const proc = spawnManaged(
    process.execPath,
    [...(options.nodeArgs ?? []), join(root, 'dist/src/cli/main.js'), 'serve', '--host', '127.0.0.1', '--public-host', '127.0.0.1', '--http-port', '0', '--rtmp-port', '0', '--rtmp-secondary-port', '0', '--data-dir', dataDir, '--log-level', 'info', ...(options.extraArgs ?? [])],
    { name: 'tributary serve', maxLifetimeMs: 20 * 60_000, captureLimitBytes: 16 * 1024 * 1024, env: serverEnv() },
  );
  const deadline = Date.now() + 20_000;
  let api: RegExpMatchArray | null = null;
  let rtmp: RegExpMatchArray | null = null;
  let rtmp2: RegExpMatchArray | null = null;
  while (Date.now() < deadline) {
    const out = proc.stdout();
    api = out.match(/API:\s+(https?:\/\/[^\s]+)\/api\/v1/);
    rtmp = out.match(/RTMP primary:\s+(rtmp:\/\/[^\s/]+:\d+)/);
    rtmp2 = out.match(/RTMP secondary:\s+(rtmp:\/\/[^\s/]+:\d+)/);
    if (api && rtmp && rtmp2) break;
    if (!proc.isRunning()) throw new Error(`tributary exited during start-up:\n${proc.stdout()}\n${proc.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!api || !rtmp || !rtmp2) {
    await proc.stop(1000);
    throw new Error(`tributary did not start within 20 s:\n${proc.stdout()}\n${proc.stderr()}`);
  }
  const apiKey = (await readFile(join(dataDir, 'api-key'), 'utf8')).trim();
  const httpBase = api[1];
  return {
    process: proc,
    dataDir,
    httpBase,
    rtmpPrimary: rtmp[1],
    rtmpSecondary: rtmp2[1],
    apiKey,
    async api<T>(method: string, path: string, body?: unknown) {
      const headers = { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const res = httpBase.startsWith('https:') ? await httpsRequest(`${httpBase}/api/v1${path}`, method, headers, payload, options.ca) : await fetch(`${httpBase}/api/v1${path}`, { method, headers, body: payload });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
    },
    logs() {
      return proc
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        });
    },
    async rssBytes() {
      const status = await readFile(`/proc/${proc.child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    async kill() {
      // The whole group, as the harness spawns it detached: nothing the server started survives.
      if (proc.isRunning() && proc.child.pid !== undefined) process.kill(-proc.child.pid, 'SIGKILL');
      return proc.exited;
    },
    async stop(stopOptions = {}) {
      const exit = await proc.stop(10_000);
      if (!stopOptions.keepData) await rm(dataDir, { recursive: true, force: true });
      return exit;
    },
  };
}

/** One HTTPS request trusting `ca` (fetch cannot be given a CA without an extra package). */
export function httpsRequest(url: string, method = 'GET', headers: Record<string, string> = {}, body?: string, ca?: Buffer): Promise<{ status: number; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: async () => Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The test runner's environment without TRIBUTARY_* variables, which the server would read. */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRIBUTARY_')));
}

/** Polls `check` until it returns a value other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export async function fetchText(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A locator's playback URLs on the default streaming endpoint, one per format. */
export type LocatorUrls = Record<'smooth' | 'hls' | 'hlsV3' | 'hlsCmaf' | 'dash' | 'dashCmaf' | 'hds', string>;

export interface RecordedChannel {
  /** The channel's ingest token. */
  token: string;
  locatorId: string;
  urls: LocatorUrls;
}

/**
 * The usual set-up of a playback test: a channel created and started, a program recording it
 * into an asset of the program's name, started, and a locator on that asset.
 */
export async function startRecordedChannel(
  t: Tributary,
  o: { channel: string; program?: string; archiveWindow?: string; protocol?: 'rtmp' | 'fmp4' },
): Promise<RecordedChannel> {
  const program = o.program ?? 'show';
  const expect = async (what: string, status: number, call: Promise<{ status: number; body: unknown }>) => {
    const r = await call;
    if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const ch = (await expect('create the channel', 201, t.api('POST', '/channels', { name: o.channel, input: { protocol: o.protocol ?? 'rtmp' } }))) as { input: { accessToken: string } };
  await expect('start the channel', 200, t.api('POST', `/channels/${o.channel}/start`));
  await expect('create the program', 201, t.api('POST', `/channels/${o.channel}/programs`, { name: program, archiveWindow: o.archiveWindow ?? 'PT10M' }));
  await expect('start the program', 200, t.api('POST', `/channels/${o.channel}/programs/${program}/start`));
  const loc = (await expect('create the locator', 201, t.api('POST', '/locators', { assetName: program }))) as { id: string; urls: LocatorUrls };
  return { token: ch.input.accessToken, locatorId: loc.id, urls: loc.urls };
}
