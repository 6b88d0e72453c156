import type { FlvVideoPacket } from './flv-tag.js';
import { readFourCc, readSi24, videoCodecForFourCc } from './flv-fourcc.js';

/** FLV VideoTagHeader FrameType values (FLV 10.1 §E.4.3.1). */
const FRAME_KEY = 1;
const FRAME_GENERATED_KEY = 4;
const FRAME_COMMAND = 5;
const CODEC_AVC = 7;

/** Enhanced RTMP VideoPacketType (enhanced-rtmp v1/v2 ExVideoTagHeader). */
const PT = { SequenceStart: 0, CodedFrames: 1, SequenceEnd: 2, CodedFramesX: 3, Metadata: 4, Mpeg2TsSequenceStart: 5, Multitrack: 6, ModEx: 7 };

/**
 * Parses a video message body (an FLV VIDEODATA tag body). Never throws: anything that is not
 * AVC/HEVC/AV1 configuration, frames or end of sequence, including truncated bodies, comes back as
 * `other` with the reason, and the data fields are views into `body` (no copy).
 */
export function parseFlvVideo(body: Uint8Array): FlvVideoPacket {
  if (body.length === 0) return { kind: 'other', reason: 'empty video message' };
  // IsExHeader is the top bit: legacy FrameType values are 1..5 so it is never set there.
  return body[0] & 0x80 ? parseEnhanced(body) : parseLegacy(body);
}

function isKey(frameType: number): boolean {
  return frameType === FRAME_KEY || frameType === FRAME_GENERATED_KEY;
}

function parseLegacy(body: Uint8Array): FlvVideoPacket {
  const frameType = body[0] >> 4;
  const codecId = body[0] & 0x0f;
  if (frameType === FRAME_COMMAND) return { kind: 'other', reason: 'video info/command frame' };
  if (codecId !== CODEC_AVC) return { kind: 'other', reason: `unsupported video codec id ${codecId}` };
  // AVCVIDEOPACKET: AVCPacketType u8, CompositionTime SI24, data.
  if (body.length < 5) return { kind: 'other', reason: `truncated AVC packet (${body.length} bytes)` };
  const data = body.subarray(5);
  switch (body[1]) {
    case 0:
      return data.length ? { kind: 'config', codec: 'avc', data } : { kind: 'other', reason: 'empty AVC sequence header' };
    case 1:
      if (!data.length) return { kind: 'other', reason: 'empty AVC frame' };
      return { kind: 'frame', codec: 'avc', keyframe: isKey(frameType), compositionTime: readSi24(body, 2), data };
    case 2:
      return { kind: 'end-of-sequence', codec: 'avc' };
    default:
      return { kind: 'other', reason: `unknown AVC packet type ${body[1]}` };
  }
}

function parseEnhanced(body: Uint8Array): FlvVideoPacket {
  const frameType = (body[0] >> 4) & 0x07;
  const packetType = body[0] & 0x0f;
  if (packetType === PT.Multitrack || packetType === PT.ModEx) {
    return { kind: 'other', reason: `E-RTMP video packet type ${packetType} (multitrack/ModEx) not supported` };
  }
  if (packetType === PT.Metadata) return { kind: 'other', reason: 'E-RTMP video metadata' };
  // A command frame's payload is one byte (StartSeek/EndSeek), whatever the packet type says.
  if (frameType === FRAME_COMMAND) return { kind: 'other', reason: 'E-RTMP video command frame' };
  if (body.length < 5) return { kind: 'other', reason: `truncated E-RTMP video header (${body.length} bytes)` };
  const fourCc = readFourCc(body, 1);
  const codec = videoCodecForFourCc(fourCc);
  if (!codec) return { kind: 'other', reason: `unsupported video FourCC ${JSON.stringify(fourCc)}` };
  switch (packetType) {
    case PT.SequenceStart: {
      const data = body.subarray(5);
      return data.length ? { kind: 'config', codec, data } : { kind: 'other', reason: `empty ${fourCc} sequence start` };
    }
    case PT.CodedFrames: {
      // avc1/hvc1 carry SI24 CompositionTime here; av01 has none (its frames are in output order).
      const hasCts = codec !== 'av1';
      const start = hasCts ? 8 : 5;
      if (body.length <= start) return { kind: 'other', reason: `truncated ${fourCc} coded frames` };
      const compositionTime = hasCts ? readSi24(body, 5) : 0;
      return { kind: 'frame', codec, keyframe: isKey(frameType), compositionTime, data: body.subarray(start) };
    }
    case PT.CodedFramesX:
      if (body.length <= 5) return { kind: 'other', reason: `truncated ${fourCc} coded frames` };
      return { kind: 'frame', codec, keyframe: isKey(frameType), compositionTime: 0, data: body.subarray(5) };
    case PT.SequenceEnd:
      return { kind: 'end-of-sequence', codec };
    default:
      return { kind: 'other', reason: `E-RTMP video packet type ${packetType} not supported` };
  }
}
