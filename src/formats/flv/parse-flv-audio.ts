import type { FlvAudioPacket } from './flv-tag.js';
import { AAC_FOURCC, readFourCc } from './flv-fourcc.js';

const SOUND_FORMAT_AAC = 10;
/** Enhanced RTMP v2: SoundFormat 9 means an ExAudioTagHeader follows. */
const SOUND_FORMAT_EX = 9;
const SOUND_FORMAT_NAMES: Record<number, string> = { 0: 'PCM', 1: 'ADPCM', 2: 'MP3', 3: 'PCM LE', 4: 'Nellymoser 16k', 5: 'Nellymoser 8k', 6: 'Nellymoser', 7: 'G.711 A-law', 8: 'G.711 mu-law', 11: 'Speex', 14: 'MP3 8k' };

/**
 * Parses an audio message body (an FLV AUDIODATA tag body, FLV 10.1 §E.4.2). Never throws:
 * anything other than an AAC AudioSpecificConfig or raw AAC frame comes back as `other`.
 */
export function parseFlvAudio(body: Uint8Array): FlvAudioPacket {
  if (body.length === 0) return { kind: 'other', reason: 'empty audio message' };
  const format = body[0] >> 4;
  if (format === SOUND_FORMAT_AAC) return aac(body[1], body, 2, body.length < 2);
  if (format === SOUND_FORMAT_EX) {
    const packetType = body[0] & 0x0f;
    if (body.length < 5) return { kind: 'other', reason: `truncated E-RTMP audio header (${body.length} bytes)` };
    const fourCc = readFourCc(body, 1);
    if (fourCc !== AAC_FOURCC) return { kind: 'other', reason: `unsupported audio FourCC ${JSON.stringify(fourCc)}` };
    // AudioPacketType 0 SequenceStart and 1 CodedFrames match AACPacketType 0/1.
    return aac(packetType, body, 5, false);
  }
  const name = SOUND_FORMAT_NAMES[format] ?? `sound format ${format}`;
  return { kind: 'other', reason: `unsupported audio codec ${name}` };
}

function aac(packetType: number, body: Uint8Array, start: number, truncated: boolean): FlvAudioPacket {
  if (truncated) return { kind: 'other', reason: 'truncated AAC packet' };
  const data = body.subarray(start);
  if (packetType > 1) return { kind: 'other', reason: `AAC packet type ${packetType} ignored` };
  if (!data.length) return { kind: 'other', reason: packetType === 0 ? 'empty AudioSpecificConfig' : 'empty AAC frame' };
  return packetType === 0 ? { kind: 'config', codec: 'aac', data } : { kind: 'frame', codec: 'aac', data };
}
