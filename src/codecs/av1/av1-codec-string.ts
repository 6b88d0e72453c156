import type { Av1Config } from '../../model/codec.js';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * RFC 6381 `codecs` value for AV1 (AV1-ISOBMFF §"Codecs Parameter String"):
 * `av01.P.LLT.DD`, the profile, the two-digit seq_level_idx_0 with the tier as M (Main) or H
 * (High), and the two-digit bit depth: `av01.0.04M.08`. The optional color fields that may
 * follow are left out, as the binding allows (their defaults then apply).
 */
export function av1CodecString(c: Av1Config): string {
  return `av01.${c.seqProfile}.${two(c.seqLevelIdx0)}${c.seqTier0 ? 'H' : 'M'}.${two(c.bitDepth)}`;
}
