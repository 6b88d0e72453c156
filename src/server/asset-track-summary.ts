import type { AssetTrack } from '../catalog/asset.js';
import { codecString } from '../codecs/codec-string.js';
import { isVideoCodec } from '../model/codec.js';
import type { Track } from '../model/track.js';

/** A recorded track as the asset API shows it (CONTRACT §2 `tracks`). */
export function assetTrackSummary(track: Track): AssetTrack {
  const c = track.codec;
  return {
    id: track.id,
    type: track.type,
    codec: codecString(c),
    bitrate: track.bitrate,
    ...(isVideoCodec(c) ? { width: c.width, height: c.height } : { sampleRate: c.sampleRate, channels: c.channels }),
    ...(track.language ? { language: track.language } : {}),
  };
}
