/**
 * FLV tag bodies as RTMP carries them (the message payload is the tag body without the 11-byte
 * FLV tag header): Adobe FLV 10.1 §E.4.2/§E.4.3, Enhanced RTMP v1/v2 ExVideoTagHeader.
 */

export type FlvVideoPacket =
  /** Decoder configuration: avcC (or hvcC/av1C for Enhanced RTMP). */
  | { kind: 'config'; codec: FlvVideoCodec; data: Uint8Array }
  /** One access unit: length-prefixed NAL units (AVC/HEVC) or OBUs (AV1). */
  | { kind: 'frame'; codec: FlvVideoCodec; keyframe: boolean; compositionTime: number; data: Uint8Array }
  | { kind: 'end-of-sequence'; codec: FlvVideoCodec }
  /** Command frames, metadata packets and codecs we do not carry: ignored by ingest. */
  | { kind: 'other'; reason: string };

export type FlvVideoCodec = 'avc' | 'hevc' | 'av1';

export type FlvAudioPacket =
  /** AudioSpecificConfig. */
  | { kind: 'config'; codec: 'aac'; data: Uint8Array }
  /** One raw AAC access unit, no ADTS. */
  | { kind: 'frame'; codec: 'aac'; data: Uint8Array }
  | { kind: 'other'; reason: string };
