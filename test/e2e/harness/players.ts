// Plays a live HLS or DASH URL in hls.js, dash.js or Shaka (or Smooth in dash.js-mss) inside headless Chromium and reports
// what a viewer would have seen: whether the clock advanced, frames decoded, fatal errors, level
// switches and live latency. Everything is time-bounded and every page/server is closed.
import { chromium, type Browser, type Page } from 'playwright-core';
import { PLAYER_NAMES, RUNNER_JS, playerLibraryFiles, playerPageHtml, type PlayerName } from './player-page.js';
import { startStaticServer } from './static-server.js';

export type { PlayerName } from './player-page.js';
export { PLAYER_NAMES } from './player-page.js';

export const CHROMIUM = process.env.TRIBUTARY_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export interface PlayOptions {
  browser: Browser;
  player: PlayerName;
  url: string;
  /** Real time to watch, counted from when playback starts (startup time is not part of it). */
  seconds: number;
  /** Gives up if playback has not started this long after the player was started; default 20 s. */
  startupTimeoutSec?: number;
  /** After playback starts, switch to a level other than the current one (ABR off) and watch for it. */
  forceLevel?: boolean;
  /** dash.js: time source used when the MPD has no usable UTCTiming (its default is on the internet). */
  utcTimingUrl?: string;
  /** Merged into the player's configuration (Hls config, dash.js settings, shaka configure()). */
  playerConfig?: Record<string, unknown>;
  /** `ok` needs currentTime to advance at least this much; defaults to half of `seconds`. */
  minAdvanceSeconds?: number;
  /**
   * Once playback has started, seek to the time this returns for the video element's seekable
   * range (live: the DVR window; on demand: the whole asset); `seconds` then counts from the seek.
   */
  seekTo?: (seekable: TimeRange) => number;
  /** video.playbackRate once playing (on demand: watch a whole asset faster than real time). */
  playbackRate?: number;
  /** Stop watching as soon as the video element reports `ended` (on demand). */
  untilEnded?: boolean;
}

export interface TimeRange {
  start: number;
  end: number;
}

export interface PlaySample {
  atMs: number;
  currentTime: number;
  bufferedEnd: number;
  readyState: number;
  currentLevel: number | string | null;
}

export interface PlayReport {
  ok: boolean;
  player: PlayerName;
  url: string;
  /** Milliseconds from starting the player until the video first reported 'playing' with time > 0. */
  startupMs: number | null;
  currentTimeStart: number;
  currentTimeEnd: number;
  advancedSeconds: number;
  totalVideoFrames: number;
  droppedFrames: number;
  videoWidth: number;
  videoHeight: number;
  /** Player fatal errors, video element errors and uncaught page exceptions. */
  fatalErrors: string[];
  /** Non-fatal player errors (hls.js) and console errors; informative, they do not fail `ok`. */
  warnings: string[];
  levelCount: number;
  levelsSeen: Array<number | string>;
  /** The level playing when the switch was forced, and the level forced (null if not forced). */
  forcedFrom: number | string | null;
  forcedLevel: number | string | null;
  /** A forced switch was seen taking effect (hls.js LEVEL_SWITCHED, dash.js QUALITY_CHANGE_RENDERED, shaka variantchanged). */
  levelSwitched: boolean;
  /** Level playing at the last poll: hls.js level index, dash.js Representation id, shaka variant id. */
  finalLevel: number | string | null;
  liveLatency?: number;
  /** The video element's state at the last poll: on demand, `ended` once played to the end. */
  ended: boolean;
  duration: number | null;
  seekable: TimeRange | null;
  /** Where `seekTo` sent the player (currentTimeStart is measured from there). */
  seekedTo: number | null;
  /** One sample per poll, for diagnosing stalls. */
  samples: PlaySample[];
  /** Why `ok` is false, in words. */
  problems: string[];
}

interface Snapshot {
  currentTime: number;
  paused: boolean;
  readyState: number;
  playing: boolean;
  bufferedEnd: number;
  videoWidth: number;
  videoHeight: number;
  totalVideoFrames: number;
  droppedVideoFrames: number;
  fatalErrors: string[];
  warnings: string[];
  levelsSeen: Array<number | string>;
  levelCount: number;
  forcedLevel: number | string | null;
  levelSwitched: boolean;
  currentLevel: number | string | null;
  liveLatency: number | null;
  ended: boolean;
  duration: number | null;
  seekable: TimeRange | null;
}

type ForceAnswer =
  | { status: 'forced'; from: number | string | null; to: number | string }
  | { status: 'wait' }
  | { status: 'impossible'; reason: string };

const POLL_MS = 500;
/** Upper bound for any single call into the page, so a wedged renderer cannot hang a test. */
const EVALUATE_TIMEOUT_MS = 5_000;

export async function playInBrowser(options: PlayOptions): Promise<PlayReport> {
  if (!PLAYER_NAMES.includes(options.player)) throw new Error(`unknown player ${options.player}`);
  const pageServer = await startStaticServer({
    files: playerLibraryFiles(),
    routes: {
      '/player.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(playerPageHtml(options.player));
      },
      '/runner.js': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(RUNNER_JS);
      },
    },
  });
  const context = await options.browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(EVALUATE_TIMEOUT_MS);
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && consoleErrors.length < 100) consoleErrors.push(`console: ${message.text().slice(0, 500)}`);
    });
    await page.goto(pageServer.url('/player.html'), { timeout: 15_000 });
    return await watch(page, options, pageErrors, consoleErrors);
  } finally {
    await context.close().catch(() => undefined);
    await pageServer.close();
  }
}

async function watch(page: Page, options: PlayOptions, pageErrors: string[], consoleErrors: string[]): Promise<PlayReport> {
  const config = { player: options.player, url: options.url, utcTimingUrl: options.utcTimingUrl, playerConfig: options.playerConfig };
  const startedAt = Date.now();
  await evaluate(page, `window.__harness.start(${JSON.stringify(config)})`);
  const startupDeadline = startedAt + (options.startupTimeoutSec ?? 20) * 1000;
  let deadline = startupDeadline;
  const samples: PlaySample[] = [];
  let startupMs: number | null = null;
  let currentTimeStart = 0;
  let force: ForceAnswer = { status: 'wait' };
  let last: Snapshot | undefined;
  let seekedTo: number | null = null;

  for (;;) {
    const snapshot = await evaluate<Snapshot>(page, 'window.__harness.snapshot()');
    const atMs = Date.now() - startedAt;
    if (snapshot !== undefined) {
      last = snapshot;
      samples.push({ atMs, currentTime: snapshot.currentTime, bufferedEnd: snapshot.bufferedEnd, readyState: snapshot.readyState, currentLevel: snapshot.currentLevel });
      if (startupMs === null && snapshot.playing && snapshot.currentTime > 0) {
        startupMs = atMs;
        currentTimeStart = snapshot.currentTime;
        deadline = Date.now() + options.seconds * 1000;
        if (options.playbackRate !== undefined) await evaluate(page, `window.__harness.setRate(${options.playbackRate})`);
      }
      if (options.seekTo && startupMs !== null && seekedTo === null && snapshot.seekable) {
        seekedTo = options.seekTo(snapshot.seekable);
        await evaluate(page, `window.__harness.seek(${seekedTo})`);
        currentTimeStart = seekedTo;
        deadline = Date.now() + options.seconds * 1000;
      }
      if (options.untilEnded && snapshot.ended) break;
      if (options.forceLevel && startupMs !== null && force.status === 'wait') {
        force = (await evaluate<ForceAnswer>(page, 'window.__harness.forceOtherLevel()')) ?? { status: 'wait' };
      }
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    await sleep(Math.min(POLL_MS, remaining));
  }

  const end = last ?? emptySnapshot();
  const fatalErrors = [...end.fatalErrors, ...pageErrors];
  const advancedSeconds = startupMs === null ? 0 : end.currentTime - currentTimeStart;
  const minAdvance = options.minAdvanceSeconds ?? options.seconds / 2;
  const problems: string[] = [];
  if (last === undefined) problems.push('the page never answered');
  if (startupMs === null) problems.push('playback never started');
  if (advancedSeconds < minAdvance) problems.push(`currentTime advanced ${advancedSeconds.toFixed(2)} s < ${minAdvance} s`);
  if (fatalErrors.length > 0) problems.push(`${fatalErrors.length} fatal error(s)`);
  if (options.forceLevel) {
    if (force.status === 'impossible') problems.push(`could not force a level: ${force.reason}`);
    else if (force.status === 'wait') problems.push('could not force a level: the player never reported the level it was playing');
    else if (!end.levelSwitched) problems.push(`forced switch ${force.from} -> ${force.to} was not seen taking effect`);
  }

  return {
    ok: problems.length === 0,
    player: options.player,
    url: options.url,
    startupMs,
    currentTimeStart,
    currentTimeEnd: end.currentTime,
    advancedSeconds,
    totalVideoFrames: end.totalVideoFrames,
    droppedFrames: end.droppedVideoFrames,
    videoWidth: end.videoWidth,
    videoHeight: end.videoHeight,
    fatalErrors,
    warnings: [...end.warnings, ...consoleErrors],
    levelCount: end.levelCount,
    levelsSeen: end.levelsSeen,
    forcedFrom: force.status === 'forced' ? force.from : null,
    forcedLevel: end.forcedLevel,
    levelSwitched: end.levelSwitched,
    finalLevel: end.currentLevel,
    ...(end.liveLatency === null ? {} : { liveLatency: end.liveLatency }),
    ended: end.ended,
    duration: end.duration,
    seekable: end.seekable,
    seekedTo,
    samples,
    problems,
  };
}

/** page.evaluate of an expression string, giving up (undefined) after EVALUATE_TIMEOUT_MS. */
async function evaluate<T>(page: Page, expression: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), EVALUATE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([page.evaluate(expression) as Promise<T>, timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function emptySnapshot(): Snapshot {
  return {
    currentTime: 0, paused: true, readyState: 0, playing: false, bufferedEnd: 0, videoWidth: 0, videoHeight: 0,
    totalVideoFrames: 0, droppedVideoFrames: 0, fatalErrors: [], warnings: [], levelsSeen: [], levelCount: 0,
    forcedLevel: null, levelSwitched: false, currentLevel: null, liveLatency: null, ended: false, duration: null, seekable: null,
  };
}

/** One line per report for test output. */
export function describeReport(report: PlayReport): string {
  const latency = report.liveLatency === undefined ? '' : ` latency=${report.liveLatency.toFixed(1)}s`;
  return `${report.player} ${report.ok ? 'OK' : 'FAIL'} startup=${report.startupMs ?? '-'}ms advanced=${report.advancedSeconds.toFixed(2)}s ` +
    `frames=${report.totalVideoFrames} dropped=${report.droppedFrames} ${report.videoWidth}x${report.videoHeight} ` +
    `levels=${report.levelCount} seen=[${report.levelsSeen.join(',')}] final=${report.finalLevel}` +
    (report.forcedLevel === null ? '' : ` forced=${report.forcedFrom}->${report.forcedLevel} switched=${report.levelSwitched}`) + latency +
    (report.seekedTo === null ? '' : ` seeked=${report.seekedTo.toFixed(2)}`) +
    (report.seekable === null ? '' : ` seekable=[${report.seekable.start.toFixed(2)},${report.seekable.end.toFixed(2)}]`) +
    (report.duration === null ? '' : ` duration=${report.duration.toFixed(2)}`) + (report.ended ? ' ended' : '') +
    ` time=${report.currentTimeEnd.toFixed(2)}` +
    (report.problems.length > 0 ? ` problems: ${report.problems.join('; ')}` : '') +
    (report.fatalErrors.length > 0 ? `\n  fatal: ${report.fatalErrors.join('\n  fatal: ')}` : '');
}
