import type { CidrRange } from '../util/ip-cidr.js';
import type { Limits } from './limits.js';

/** The settings `tributary serve` runs with, after flags, environment, file and defaults merge. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** 0 means "pick a free port"; the server reports the port it got. */
  httpPort: number;
  rtmpPort: number;
  rtmpSecondaryPort: number;
  /** Address the listeners bind to. */
  host: string;
  /** Absolute path holding catalog.db, api-key and media. */
  dataDir: string;
  /** Absent when neither environment nor file gives one: see ensureApiKey. */
  apiKey?: string;
  logLevel: LogLevel;
  /** Host name written into generated ingest and playback URLs. */
  publicHost: string;
  /**
   * Load balancers or CDN edges in front of the HTTP port. Only a request whose TCP peer is one
   * of them has its client address taken from X-Forwarded-For; empty: the peer is the client.
   */
  trustedProxies: CidrRange[];
  /** What one client may cost: limits.ts, every figure with a safe default. */
  limits: Limits;
  /**
   * With a certificate, the HTTP port serves HTTPS (API, playback, Smooth ingest) and RTMPS
   * listens on its own ports beside plain RTMP.
   */
  tls?: { certFile: string; keyFile: string; rtmpsPort: number; rtmpsSecondaryPort: number };
  /** The config file that was read, if any. */
  configFile?: string;
}
