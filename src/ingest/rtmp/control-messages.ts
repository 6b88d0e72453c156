import { MessageType, UserControlEvent, type RtmpMessage } from './rtmp-message.js';

/** Protocol control messages go on chunk stream 2, message stream 0 (RTMP 1.0 §5.4). */
const CONTROL_CSID = 2;

function control(typeId: number, bytes: number[]): RtmpMessage {
  return { csid: CONTROL_CSID, typeId, streamId: 0, timestamp: 0, payload: Uint8Array.from(bytes) };
}

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

export function setChunkSizeMessage(size: number): RtmpMessage {
  return control(MessageType.SetChunkSize, u32(size & 0x7fffffff));
}

export function acknowledgementMessage(totalBytes: number): RtmpMessage {
  return control(MessageType.Acknowledgement, u32(totalBytes >>> 0));
}

export function windowAckSizeMessage(size: number): RtmpMessage {
  return control(MessageType.WindowAckSize, u32(size));
}

/** limitType: 0 hard, 1 soft, 2 dynamic (§5.4.5). */
export function setPeerBandwidthMessage(size: number, limitType: 0 | 1 | 2): RtmpMessage {
  return control(MessageType.SetPeerBandwidth, [...u32(size), limitType]);
}

/** User control message (§7.1.7): event type u16 + event data. */
export function userControlMessage(event: number, value: number): RtmpMessage {
  return control(MessageType.UserControl, [event >> 8, event & 0xff, ...u32(value)]);
}

export function streamBeginMessage(streamId: number): RtmpMessage {
  return userControlMessage(UserControlEvent.StreamBegin, streamId);
}

/** The first u32 of a control message payload, or undefined when it is too short. */
export function readControlU32(payload: Uint8Array, offset = 0): number | undefined {
  if (payload.length < offset + 4) return undefined;
  return new DataView(payload.buffer, payload.byteOffset + offset, 4).getUint32(0);
}

/** A user control message's event type and first u32 argument. */
export function readUserControl(payload: Uint8Array): { event: number; value: number } | undefined {
  if (payload.length < 2) return undefined;
  return { event: (payload[0] << 8) | payload[1], value: readControlU32(payload, 2) ?? 0 };
}
