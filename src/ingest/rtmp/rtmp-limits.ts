import { DEFAULT_CHUNK_READER_LIMITS, type ChunkReaderLimits } from './chunk-reader.js';

/** What one peer may cost us. Breaking any of these closes that connection with ERR_RTMP_LIMIT. */
export interface RtmpLimits extends ChunkReaderLimits {
  /** From accept to the end of C2. */
  handshakeTimeoutMs: number;
  /** Without a byte received (or sent). */
  idleTimeoutMs: number;
  maxConnections: number;
  /** Open connections from one address (encoders publish a few renditions each). */
  connectionsPerAddress: number;
}

export const DEFAULT_RTMP_LIMITS: RtmpLimits = {
  ...DEFAULT_CHUNK_READER_LIMITS,
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxConnections: 1000,
  connectionsPerAddress: 64,
};
