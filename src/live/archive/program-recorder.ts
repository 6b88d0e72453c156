import type { Logger } from 'pino';
import type { TimelineEntry } from '../../model/timeline.js';
import type { Track } from '../../model/track.js';
import type { FragmentKey } from '../../store/fragment-store.js';
import type { CommittedFragmentListener, LiveChannel } from '../live-channel.js';
import type { AssetArchive } from './asset-archive.js';

export interface ProgramRecorderOptions {
  live: LiveChannel;
  archive: AssetArchive;
  log: Logger;
  /** After each archived fragment (asset statistics). */
  onProgress?: (archive: AssetArchive) => void;
  /** The recording stopped on an error (disk full, I/O error); the archive keeps what it listed. */
  onFailed: (err: Error) => void;
}

/**
 * Feeds one running program's asset from its channel's live timeline: every fragment the
 * channel commits is archived before the channel may prune it. A store error ends the
 * recording (the archive stays as it was last listed, on demand) and is reported once.
 */
export class ProgramRecorder implements CommittedFragmentListener {
  private unsubscribe?: () => void;
  private readonly pending = new Set<Promise<void>>();
  private failed = false;

  constructor(private readonly o: ProgramRecorderOptions) {}

  get archive(): AssetArchive {
    return this.o.archive;
  }

  attach(): void {
    this.unsubscribe = this.o.live.subscribe(this);
  }

  onFragment(track: Track, entry: TimelineEntry, key: FragmentKey): Promise<void> {
    if (this.failed) return Promise.resolve();
    const p = this.o.archive.append(track, entry, key).then(
      () => this.o.onProgress?.(this.o.archive),
      (err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))),
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  onStoreError(err: unknown): void {
    this.fail(err instanceof Error ? err : new Error(String(err)));
  }

  /** Stops taking fragments and waits for the ones under way. */
  async detach(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.all(this.pending);
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.o.log.error({ err, asset: this.o.archive.name }, 'recording failed; the asset keeps what was archived');
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.o.onFailed(err);
  }
}
