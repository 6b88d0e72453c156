// Child processes for tests: each one leads its own process group (so helpers it forks die with it),
// keeps the tail of its output for failure messages, has a hard lifetime, and is tracked so that a
// test run can stop everything it started even when a test forgets to.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** Shown in error messages; defaults to the command. */
  name?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL to the group) after this long no matter what; a safety net, not a stop signal. */
  maxLifetimeMs?: number;
  /** How much of stdout and of stderr to keep (the newest bytes win). */
  captureLimitBytes?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit, or undefined if it is still running after timeoutMs. */
  waitForExit(timeoutMs: number): Promise<ExitInfo | undefined>;
  /** SIGTERM to the group, then SIGKILL after graceMs. Safe to call repeatedly. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

const running = new Set<ManagedProcess>();

// Last resort when the test runner exits with children still alive: 'exit' handlers must be
// synchronous, so only SIGKILL is possible here.
process.on('exit', () => {
  for (const managed of running) killGroup(managed.child, 'SIGKILL');
});

export function spawnManaged(command: string, args: readonly string[], options: ManagedProcessOptions = {}): ManagedProcess {
  const name = options.name ?? command;
  const limit = options.captureLimitBytes ?? 64 * 1024;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = new TailBuffer(limit);
  const err = new TailBuffer(limit);
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

  let done = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      err.push(Buffer.from(`\n[spawn error] ${error.message}\n`));
      done = true;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });

  const lifetime = options.maxLifetimeMs === undefined ? undefined : setTimeout(() => killGroup(child, 'SIGKILL'), options.maxLifetimeMs);
  lifetime?.unref();

  const managed: ManagedProcess = {
    name,
    child,
    exited,
    isRunning: () => !done,
    stdout: () => out.text(),
    stderr: () => err.text(),
    waitForExit: (timeoutMs) => raceTimeout(exited, timeoutMs),
    stop: async (graceMs = 3000) => {
      if (!done) {
        killGroup(child, 'SIGTERM');
        const exit = await raceTimeout(exited, graceMs);
        if (exit === undefined) killGroup(child, 'SIGKILL');
      }
      return exited;
    },
  };
  running.add(managed);
  void exited.then(() => {
    if (lifetime !== undefined) clearTimeout(lifetime);
    running.delete(managed);
  });
  return managed;
}

/** Stops every process started through spawnManaged that is still alive; use in an after() hook. */
export async function stopAllManaged(graceMs = 3000): Promise<void> {
  await Promise.all([...running].map((managed) => managed.stop(graceMs)));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone; fall back to the direct child in case it never made its own group.
    try {
      child.kill(signal);
    } catch {
      /* already exited */
    }
  }
}

async function raceTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps only the newest `limit` bytes, so a chatty process cannot grow memory without bound. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}
