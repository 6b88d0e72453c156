import type { Asset } from './asset.js';
import type { Channel } from './channel.js';
import type { Program } from './program.js';

/**
 * The running system as the control plane sees it. The catalog records intent and state; this
 * interface makes it happen (listeners accept a channel's token, programs archive into assets).
 * A method that rejects leaves the catalog where it was before the call.
 */
export interface ChannelRuntime {
  /** From now on accept input for this channel. */
  startChannel(channel: Channel): Promise<void>;
  /** Disconnect its encoders and drop its live timeline. */
  stopChannel(name: string): Promise<void>;
  /** Drop connected encoders and the live timeline but keep programs' assets. */
  resetChannel?(name: string): Promise<void>;
  /** Start archiving the channel into `asset` with the program's DVR window. */
  startProgram(program: Program, asset: Asset): Promise<void>;
  /** Finish the archive so the asset plays on demand. */
  stopProgram(program: Program): Promise<void>;
  /** Deletes a deleted asset's media (its archive, manifest and journals). */
  deleteAssetMedia(asset: Asset): Promise<void>;
  /** Live ingest health for the API; shape owned by the runtime. */
  ingestStatus(name: string): unknown;
}
