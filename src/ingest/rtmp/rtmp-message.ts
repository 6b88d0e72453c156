/** One reassembled RTMP message (RTMP 1.0 §5.3.1 / §6.1). */
export interface RtmpMessage {
  /** Chunk stream id it arrived on (or is to be sent on). */
  csid: number;
  typeId: number;
  /** Message stream id: 0 for NetConnection, the createStream id for NetStream messages. */
  streamId: number;
  /** 32-bit ms timestamp, wrapped as on the wire. */
  timestamp: number;
  payload: Uint8Array;
}

/** Message type ids, RTMP 1.0 §5.4 and §7.1. */
export const MessageType = {
  SetChunkSize: 1,
  Abort: 2,
  Acknowledgement: 3,
  UserControl: 4,
  WindowAckSize: 5,
  SetPeerBandwidth: 6,
  Audio: 8,
  Video: 9,
  Amf3Data: 15,
  Amf3SharedObject: 16,
  Amf3Command: 17,
  Amf0Data: 18,
  Amf0SharedObject: 19,
  Amf0Command: 20,
  Aggregate: 22,
} as const;

/** User control event types, RTMP 1.0 §7.1.7. */
export const UserControlEvent = {
  StreamBegin: 0,
  StreamEof: 1,
  StreamDry: 2,
  SetBufferLength: 3,
  StreamIsRecorded: 4,
  PingRequest: 6,
  PingResponse: 7,
} as const;
