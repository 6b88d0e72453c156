/**
 * What one Smooth ingest POST may cost. A box whose declared size is above its limit is refused
 * from its header, before anything is buffered, so a connection never holds more than the
 * largest limit plus one network chunk.
 */
export interface SmoothIngestLimits {
  /** The moov (all tracks' sample entries; ffmpeg's is ~1–2 KiB). */
  maxMoovBytes: number;
  /** One moof (ffmpeg's 2 s video moof is ~600 bytes). */
  maxMoofBytes: number;
  /** One mdat: the media of one fragment (6 s of 25 Mbit/s video is ~19 MiB). */
  maxMdatBytes: number;
  /** The Live Server Manifest Box (SMIL). */
  maxManifestBytes: number;
  /** Any other top-level box, which is skipped without being buffered (ftyp, free, mfra…). */
  maxOtherBoxBytes: number;
  /** Samples in one track fragment. */
  maxSamplesPerFragment: number;
  /** Tracks in one moov. */
  maxTracks: number;
  /** No byte for this long ends the POST (Azure: the encoder sends at the fragment rate). */
  idleTimeoutMs: number;
}

export const DEFAULT_SMOOTH_INGEST_LIMITS: SmoothIngestLimits = {
  maxMoovBytes: 1 << 20,
  maxMoofBytes: 1 << 20,
  maxMdatBytes: 32 << 20,
  maxManifestBytes: 256 << 10,
  maxOtherBoxBytes: 32 << 20,
  maxSamplesPerFragment: 100_000,
  maxTracks: 32,
  idleTimeoutMs: 30_000,
};
