import { writeAmf0Values } from '../../formats/amf/amf0-writer.js';
import type { Amf0Object, Amf0Value } from '../../formats/amf/amf0-value.js';
import { MessageType, type RtmpMessage } from './rtmp-message.js';

/** Chunk streams for what we send (formats.md §1.4): commands on 3, NetStream status on 5. */
const COMMAND_CSID = 3;
const STATUS_CSID = 5;

export function commandMessage(values: Amf0Value[], streamId = 0, csid = COMMAND_CSID): RtmpMessage {
  return { csid, typeId: MessageType.Amf0Command, streamId, timestamp: 0, payload: writeAmf0Values(values) };
}

/**
 * `_result` with four values. GStreamer's rtmp2 trips over three-value replies (formats.md
 * §1.5 row 2), so the fourth is always present.
 */
export function resultMessage(txn: number, value: Amf0Value): RtmpMessage {
  return commandMessage(['_result', txn, null, value]);
}

export interface ConnectReply {
  txn: number;
  /** Echoed from the connect command object; 0 (AMF0) when absent. */
  objectEncoding: number;
  /** The client announced Enhanced RTMP (fourCcList, capsEx…): tell it what we take. */
  enhanced: boolean;
}

/** The connect `_result` (formats.md §1.4, §1.5 row 1, §1.8 capability negotiation). */
export function connectResultMessage(r: ConnectReply): RtmpMessage {
  const properties: Amf0Object = { fmsVer: 'FMS/3,0,1,123', capabilities: 31, mode: 1 };
  if (r.enhanced) {
    // 4 = CanForward: we carry these codecs without decoding them.
    properties.videoFourCcInfoMap = { avc1: 4, hvc1: 4, av01: 4 };
    properties.audioFourCcInfoMap = { mp4a: 4 };
    properties.capsEx = 0;
  }
  const information: Amf0Object = {
    level: 'status',
    code: 'NetConnection.Connect.Success',
    description: 'Connection succeeded.',
    objectEncoding: r.objectEncoding,
  };
  return commandMessage(['_result', r.txn, properties, information]);
}

/** `onStatus` on the publishing stream: encoders wait for it on msid = stream id (§0 rule 1). */
export function onStatusMessage(streamId: number, info: Amf0Object): RtmpMessage {
  return commandMessage(['onStatus', 0, null, info], streamId, STATUS_CSID);
}

/** What SRS and FMS send after FCPublish; FMLE-style encoders like to see it. */
export function onFCPublishMessage(name: string): RtmpMessage {
  return commandMessage(['onFCPublish', 0, null, { level: 'status', code: 'NetStream.Publish.Start', description: name }]);
}
