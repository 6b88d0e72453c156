// The failover sequence both redundancy tests run (issue 4, "Done when"): two encoders push the
// same pre-encoded input at once; A crashes at a random moment; A is restarted; B is stopped at
// a random moment; a hls.js player watches the program's HLS the whole time. The moments come
// from a seeded generator and are logged with the seed (TRIBUTARY_E2E_SEED replays a run).
import type { Browser } from 'playwright-core';
import type { FfmpegProcess } from './harness/ffmpeg.js';
import { describeReport, playInBrowser, type PlayReport } from './harness/players.js';
import { crash, GOP_SEC, pushCopy, seededRandom, sleep } from './harness/redundancy.js';
import { waitFor, type Tributary } from './tributary-process.js';

export interface EncoderStatus {
  encoder: string;
  stream: string;
  role: 'primary' | 'secondary';
  connected: boolean;
  aligned: boolean | null;
  offsetMs: number;
  lastMediaMs: number;
  duplicatesDropped: number;
}
export interface TrackStatus {
  id: string;
  type: string;
  fragmentsReceived: number;
  fragmentsListed: number;
  duplicatesDropped: number;
  standbyDropped: number;
  discontinuities: number;
}
export interface IngestStatus {
  encoders: EncoderStatus[];
  tracks: TrackStatus[];
}

export interface ScenarioOptions {
  t: Tributary;
  channel: string;
  browser: Browser;
  input: string;
  format: 'ismv' | 'flv';
  primaryUrl: string;
  secondaryUrl: string;
  /** Smooth: the restarted encoder keeps the input's clock (a time-code-synced encoder). */
  keepTimestamps: boolean;
  hlsUrl: string;
  /** Tracks the channel must list (all of them, before anything is killed). */
  trackCount: number;
  inputSec: number;
}

export interface ScenarioResult {
  seed: number;
  /** Seconds after the encoders started. */
  moments: { crashA: number; restartA: number; stopB: number };
  play: PlayReport;
  status: IngestStatus;
  /** Status just before B was stopped: both encoders running, A restarted. */
  statusBothAgain: IngestStatus;
}

/** Real time the player watches; the sequence below fits in it with room at the end. */
const PLAY_SEC = 48;

export async function runFailoverScenario(o: ScenarioOptions, log: (line: string) => void): Promise<ScenarioResult> {
  const seed = Number(process.env.TRIBUTARY_E2E_SEED ?? Date.now() % 1_000_000);
  const random = seededRandom(seed);
  const status = async () => (await o.t.api<IngestStatus>('GET', `/channels/${o.channel}/ingest`)).body;
  const listed = async () => Math.min(...(await status()).tracks.map((x) => x.fragmentsListed));
  const encoders: FfmpegProcess[] = [];
  const push = (url: string, startSec?: number) => {
    const p = pushCopy({ input: o.input, url, format: o.format, startSec, keepTimestamps: o.keepTimestamps, lifetimeSec: o.inputSec + 10 });
    encoders.push(p);
    return p;
  };
  const since = (w0: number) => (Date.now() - w0) / 1000;

  try {
    const w0 = Date.now();
    const a = push(o.primaryUrl);
    const b = push(o.secondaryUrl);
    await waitFor('both encoders connected and two fragments per track', 40_000, async () => {
      const s = await status();
      const both = s.encoders.filter((e) => e.connected).length === 2;
      return both && s.tracks.length === o.trackCount && s.tracks.every((x) => x.fragmentsListed >= 2) ? true : undefined;
    });
    const playing = playInBrowser({ browser: o.browser, player: 'hls.js', url: o.hlsUrl, seconds: PLAY_SEC, minAdvanceSeconds: PLAY_SEC - 8 });

    await sleep(random(4, 14) * 1000);
    const crashA = since(w0);
    log(`seed ${seed}: encoder A (primary) crashes (SIGKILL) at ${crashA.toFixed(1)} s`);
    await crash(a);

    // A restarted encoder shows the live picture: it resumes at the input position the wall
    // clock has reached, at a GOP boundary (with -c copy, output starts on a key frame).
    const restartAt = Math.ceil((since(w0) + random(3, 8)) / GOP_SEC) * GOP_SEC;
    await sleep(w0 + restartAt * 1000 - Date.now());
    log(`encoder A restarts at ${since(w0).toFixed(1)} s from input position ${restartAt} s`);
    push(o.primaryUrl, restartAt);
    await waitFor('the restarted encoder to be connected and placed', 30_000, async () => {
      const s = await status();
      return s.encoders.some((e) => e.connected && e.role === 'primary' && e.aligned !== null) ? true : undefined;
    });
    const beforeStop = await listed();
    await waitFor('two more fragments with both encoders', 20_000, async () => ((await listed()) >= beforeStop + 2 ? true : undefined));
    await sleep(random(0, 6) * 1000);
    const statusBothAgain = await status();
    const stopB = since(w0);
    // A graceful stop: ffmpeg flushes the fragment it has begun, cut short, before it leaves.
    log(`encoder B (secondary) stops (SIGTERM, flushing a short fragment) at ${stopB.toFixed(1)} s`);
    await b.stop(5000);
    const afterStop = await listed();
    await waitFor('three more fragments from A alone', 30_000, async () => ((await listed()) >= afterStop + 3 ? true : undefined));

    const play = await playing;
    log(describeReport(play));
    return { seed, moments: { crashA, restartA: restartAt, stopB }, play, status: await status(), statusBothAgain };
  } finally {
    for (const e of encoders) await e.stop(2000);
  }
}
