import type { FlvVideoPacket } from './flv-tag.js';
import { VIDEO_FOURCC, si24Bytes } from './flv-fourcc.js';

export interface BuildFlvVideoOptions {
  /** Write AVC with an Enhanced RTMP `avc1` header instead of the legacy codec id 7 form. */
  enhanced?: boolean;
}

/**
 * The inverse of parseFlvVideo: a video message body. HEVC and AV1 always use the Enhanced RTMP
 * ExVideoTagHeader; enhanced frames with composition time 0 use CodedFramesX (no CTS field), as
 * the E-RTMP spec suggests to save three bytes.
 */
export function buildFlvVideo(packet: FlvVideoPacket, options: BuildFlvVideoOptions = {}): Uint8Array {
  if (packet.kind === 'other') throw new Error(`FLV: cannot build a video packet of kind other (${packet.reason})`);
  const enhanced = options.enhanced === true || packet.codec !== 'avc';
  return enhanced ? buildEnhanced(packet) : buildLegacy(packet);
}

type Carried = Exclude<FlvVideoPacket, { kind: 'other' }>;

function concat(head: number[], data?: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + (data?.length ?? 0));
  out.set(head);
  if (data) out.set(data, head.length);
  return out;
}

function buildLegacy(p: Carried): Uint8Array {
  switch (p.kind) {
    case 'config':
      return concat([0x17, 0, 0, 0, 0], p.data);
    case 'frame':
      return concat([p.keyframe ? 0x17 : 0x27, 1, ...si24Bytes(p.compositionTime)], p.data);
    case 'end-of-sequence':
      return concat([0x17, 2, 0, 0, 0]);
  }
}

function buildEnhanced(p: Carried): Uint8Array {
  const fourCc = [...VIDEO_FOURCC[p.codec]].map((c) => c.charCodeAt(0));
  // byte0 = IsExHeader | FrameType << 4 | PacketType.
  const head = (frameType: number, packetType: number): number[] => [0x80 | (frameType << 4) | packetType, ...fourCc];
  switch (p.kind) {
    case 'config':
      return concat(head(1, 0), p.data);
    case 'end-of-sequence':
      return concat(head(1, 2));
    case 'frame': {
      const frameType = p.keyframe ? 1 : 2;
      if (p.codec === 'av1') {
        if (p.compositionTime !== 0) throw new Error('FLV: AV1 coded frames carry no composition time');
        return concat(head(frameType, 1), p.data);
      }
      if (p.compositionTime === 0) return concat(head(frameType, 3), p.data);
      return concat([...head(frameType, 1), ...si24Bytes(p.compositionTime)], p.data);
    }
  }
}
