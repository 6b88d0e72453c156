import type { AacConfig } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { parseAudioSpecificConfig } from './audio-specific-config.js';

/**
 * Output channels for channelConfiguration (ISO 14496-3 Table 1.19, amended by 23001-8):
 * 0 means "in a program_config_element", which the origin does not parse; 8..10 are reserved.
 */
const CHANNELS_BY_CONFIGURATION = [0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8];

/**
 * Builds the model's AacConfig from an AudioSpecificConfig. The bytes are copied and kept
 * verbatim (including any sync extension such as ffmpeg's `56 E5 00`), because esds must carry
 * exactly what the encoder sent.
 */
export function aacConfigFromAsc(asc: Uint8Array): AacConfig {
  let parsed;
  try {
    parsed = parseAudioSpecificConfig(asc);
  } catch (e) {
    throw new TributaryError('ERR_MEDIA', `invalid AudioSpecificConfig: ${(e as Error).message}`);
  }
  const channels = CHANNELS_BY_CONFIGURATION[parsed.channels] ?? 0;
  if (channels === 0) {
    throw new TributaryError('ERR_MEDIA', `AudioSpecificConfig channelConfiguration ${parsed.channels} is not supported`);
  }
  return {
    kind: 'aac',
    asc: asc.slice(),
    objectType: parsed.objectType,
    sampleRate: parsed.sampleRate,
    channels,
    samplesPerFrame: parsed.samplesPerFrame,
  };
}
