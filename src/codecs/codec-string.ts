import type { CodecConfig } from '../model/codec.js';
import { av1CodecString } from './av1/av1-codec-string.js';
import { hevcCodecString } from './hevc/hevc-codec-string.js';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/**
 * RFC 6381 `codecs` parameter: `avc1.PPCCLL` from the avcC profile, compatibility and level
 * bytes (ISO 14496-15 Annex E); `hvc1.…` for HEVC (Annex E.3); `av01.P.LLT.DD` for AV1; `mp4a.40.N` with N the AAC audio object type (RFC 6381 §3.3).
 */
export function codecString(codec: CodecConfig): string {
  switch (codec.kind) {
    case 'h264':
      return `avc1.${hex2(codec.profile)}${hex2(codec.compatibility)}${hex2(codec.level)}`;
    case 'h265':
      return hevcCodecString(codec);
    case 'av1':
      return av1CodecString(codec);
    case 'aac':
      return `mp4a.40.${codec.objectType}`;
  }
}
