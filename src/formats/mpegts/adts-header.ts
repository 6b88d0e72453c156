import { AAC_SAMPLE_RATES, parseAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import type { AacConfig } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';

/** The fixed part of every ADTS header of one track (ISO 14496-3 §1.A.2.2.1). */
export interface AdtsParams {
  /** ADTS profile = MPEG-4 audio object type − 1 (0 Main, 1 LC, 2 SSR, 3 LTP). */
  profile: number;
  frequencyIndex: number;
  channelConfiguration: number;
}

export const ADTS_HEADER_LENGTH = 7;
/** aac_frame_length is 13 bits and counts the header too. */
export const ADTS_MAX_PAYLOAD = 0x1fff - ADTS_HEADER_LENGTH;

/**
 * Derives ADTS fields from the AudioSpecificConfig. HE-AAC (SBR, PS) is signalled implicitly in
 * ADTS: the header carries the LC core and its sampling rate, which is what the ASC's first
 * samplingFrequencyIndex holds. ADTS has no escape for explicit rates, so those must be in the
 * standard table.
 */
export function adtsParamsFor(config: AacConfig): AdtsParams {
  const asc = parseAudioSpecificConfig(config.asc);
  const aot = asc.objectType === 5 || asc.objectType === 29 ? 2 : asc.objectType;
  if (aot < 1 || aot > 4) throw new TributaryError('ERR_MEDIA', `AAC object type ${asc.objectType} cannot be carried in ADTS`);
  const frequencyIndex = asc.frequencyIndex < 13 ? asc.frequencyIndex : AAC_SAMPLE_RATES.indexOf(asc.sampleRate);
  if (frequencyIndex < 0) throw new TributaryError('ERR_MEDIA', `AAC sample rate ${asc.sampleRate} cannot be carried in ADTS`);
  if (asc.channels > 7) throw new TributaryError('ERR_MEDIA', `AAC channel configuration ${asc.channels} cannot be carried in ADTS`);
  return { profile: aot - 1, frequencyIndex, channelConfiguration: asc.channels };
}

/**
 * Writes a 7-byte ADTS header without CRC: syncword 0xFFF, ID 0 (MPEG-4), layer 00,
 * protection_absent 1, profile, sampling_frequency_index, private 0, channel_configuration,
 * original/copy 0, home 0, two copyright bits 0, aac_frame_length (13), buffer fullness 0x7FF
 * (variable bit rate) and number_of_raw_data_blocks_in_frame 0 (one raw block).
 */
export function writeAdtsHeader(out: Uint8Array, at: number, p: AdtsParams, payloadLength: number): void {
  if (payloadLength > ADTS_MAX_PAYLOAD) throw new TributaryError('ERR_MEDIA', `AAC frame of ${payloadLength} bytes is too long for ADTS`);
  const frameLength = payloadLength + ADTS_HEADER_LENGTH;
  out[at] = 0xff;
  out[at + 1] = 0xf1;
  out[at + 2] = (p.profile << 6) | (p.frequencyIndex << 2) | (p.channelConfiguration >> 2);
  out[at + 3] = ((p.channelConfiguration & 3) << 6) | (frameLength >> 11);
  out[at + 4] = (frameLength >> 3) & 0xff;
  out[at + 5] = ((frameLength & 7) << 5) | 0x1f;
  out[at + 6] = 0xfc;
}
