import type { IpRange, IpRangeInput } from './ip-range.js';

/** Deleting exists in the contract; the catalog deletes in one transaction, so it is never stored. */
export const CHANNEL_STATES = ['Stopped', 'Starting', 'Running', 'Stopping', 'Deleting'] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

export const INGEST_PROTOCOLS = ['rtmp', 'fmp4'] as const;
export type IngestProtocol = (typeof INGEST_PROTOCOLS)[number];

/**
 * A fragment is one GOP and one segment, so the key frame interval is the segment duration:
 * below 1 s manifests churn and requests multiply, above 10 s live latency and seek steps hurt.
 */
export const KEY_FRAME_INTERVAL_MS = { min: 1000, max: 10_000, default: 2000 } as const;

/** Given tokens appear in ingest URL paths: URL-safe, and long enough not to be guessed. */
export const ACCESS_TOKEN_PATTERN = '^[A-Za-z0-9_-]{16,64}$';

export interface ChannelInput {
  protocol: IngestProtocol;
  keyFrameIntervalMs: number;
  accessToken: string;
  ipAllow?: IpRange[];
}

export interface Channel {
  name: string;
  description: string;
  state: ChannelState;
  input: ChannelInput;
  preview: { ipAllow?: IpRange[] };
  created: string;
  lastModified: string;
}

export interface NewChannel {
  name: string;
  description?: string;
  input: { protocol: IngestProtocol; keyFrameIntervalMs?: number; accessToken?: string; ipAllow?: IpRangeInput[] };
  preview?: { ipAllow?: IpRangeInput[] };
}

/**
 * A PATCH body: absent leaves a member as it is, null clears an ipAllow (allow all again).
 * `input.protocol` is accepted only with the channel's own value: the ingest URLs depend on it.
 */
export interface ChannelPatch {
  description?: string;
  input?: { protocol?: IngestProtocol; keyFrameIntervalMs?: number; accessToken?: string; ipAllow?: IpRangeInput[] | null };
  preview?: { ipAllow?: IpRangeInput[] | null };
}
