import type { FlvAudioPacket } from './flv-tag.js';
import { AAC_FOURCC } from './flv-fourcc.js';

export interface BuildFlvAudioOptions {
  /** Write an Enhanced RTMP v2 ExAudioTagHeader (`mp4a`) instead of legacy SoundFormat 10. */
  enhanced?: boolean;
}

/** The inverse of parseFlvAudio: an audio message body. */
export function buildFlvAudio(packet: FlvAudioPacket, options: BuildFlvAudioOptions = {}): Uint8Array {
  if (packet.kind === 'other') throw new Error(`FLV: cannot build an audio packet of kind other (${packet.reason})`);
  const packetType = packet.kind === 'config' ? 0 : 1;
  // Legacy AAC is always 0xAF (AAC, 44 kHz, 16 bit, stereo): FLV 10.1 says decoders ignore these bits.
  const head = options.enhanced ? [0x90 | packetType, ...[...AAC_FOURCC].map((c) => c.charCodeAt(0))] : [0xaf, packetType];
  const out = new Uint8Array(head.length + packet.data.length);
  out.set(head);
  out.set(packet.data, head.length);
  return out;
}
