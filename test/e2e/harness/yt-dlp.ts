// yt-dlp as a real HDS (f4m) and on-demand Smooth client, Debian's package (scripts/test-all.sh
// installs it): the only offline HDS client there is. For Smooth its ism downloader builds a
// moov from the manifest's CodecPrivateData and appends the fragments (downloader/ism.py). Its generic extractor recognises an f4m by the document's
// namespace, downloads the fragments named by the bootstrap and writes one FLV (yt-dlp
// downloader/f4m.py); for a live stream it refetches the bootstrap until stopped.
import { existsSync } from 'node:fs';
import { spawnManaged, type ManagedProcess } from './process.js';

export const YT_DLP = process.env.TRIBUTARY_YT_DLP ?? '/usr/bin/yt-dlp';

/** A skip reason when yt-dlp is absent (run scripts/test-all.sh to install it), else false. */
export function ytDlpMissing(): string | false {
  return existsSync(YT_DLP) ? false : `${YT_DLP} not installed (scripts/test-all.sh installs the yt-dlp package)`;
}

/**
 * Starts `yt-dlp <url>` writing to `outputFile` (no .part file, no cache, one progress line per
 * update so `fragmentsDone` can follow it). It never touches the network beyond `url`'s host.
 */
export function startYtDlp(url: string, outputFile: string, maxLifetimeMs = 180_000, extraArgs: readonly string[] = []): ManagedProcess {
  return spawnManaged(YT_DLP, ['--ignore-config', '--no-cache-dir', '--no-part', '--newline', '--no-playlist', ...extraArgs, '-o', outputFile, url], {
    name: 'yt-dlp',
    maxLifetimeMs,
  });
}

/** The highest fragment count yt-dlp's progress lines report so far (`(frag 5/7)`). */
export function fragmentsDone(proc: ManagedProcess): number {
  const counts = [...proc.stdout().matchAll(/\(frag (\d+)\/\d+\)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}

/**
 * Stops a live download the way a user does, with Ctrl-C (SIGINT to its process group): yt-dlp
 * closes the file after the last whole fragment it appended.
 */
export async function interruptYtDlp(proc: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (proc.child.pid !== undefined && proc.isRunning()) process.kill(-proc.child.pid, 'SIGINT');
  if ((await proc.waitForExit(graceMs)) === undefined) await proc.stop(1000);
}
