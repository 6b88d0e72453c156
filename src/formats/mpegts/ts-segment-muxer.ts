import type { Sample } from '../../model/sample.js';
import { adtsParamsFor, writeAdtsHeader, ADTS_HEADER_LENGTH } from './adts-header.js';
import { writeAnnexBAccessUnit } from './annexb-access-unit.js';
import { writePesHeader } from './pes-header.js';
import { buildPatSection, buildPmtSection, type PmtStream } from './psi-sections.js';
import { planSegment } from './segment-plan.js';
import type { TsSegmentInput } from './ts-segment-input.js';
import {
  AUDIO_PID,
  PAT_PID,
  PMT_PID,
  STREAM_ID_AUDIO,
  STREAM_ID_VIDEO,
  STREAM_TYPE_AAC_ADTS,
  STREAM_TYPE_H264,
  STREAM_TYPE_HEVC,
  TS_PACKET_SIZE,
  VIDEO_PID,
} from './ts-ids.js';
import { TsPacketWriter } from './ts-packet-writer.js';

/**
 * Muxes one self-contained HLS MPEG-TS segment (ISO 13818-1 transport stream, RFC 8216 §3.2):
 * PAT and PMT first, then one PES per H.264 or HEVC access unit (Annex B with an AUD, parameter
 * sets before key frames) and ADTS AAC PES, interleaved in decode order, with a PCR at least every 100 ms.
 * Video samples must start with a sync sample for the segment to be independently decodable.
 * Pure: the same input always gives the same bytes; continuity counters start at 0.
 */
export function muxTsSegment(input: TsSegmentInput): Uint8Array {
  const streams: PmtStream[] = [];
  if (input.video) streams.push({ streamType: input.video.config.kind === 'h265' ? STREAM_TYPE_HEVC : STREAM_TYPE_H264, pid: VIDEO_PID });
  if (input.audio) streams.push({ streamType: STREAM_TYPE_AAC_ADTS, pid: AUDIO_PID });
  if (streams.length === 0) throw new RangeError('a TS segment needs a video or an audio track');
  const adts = input.audio ? adtsParamsFor(input.audio.config) : undefined;
  const plan = planSegment(input);

  const writer = new TsPacketWriter(new Uint8Array((2 + plan.packetCount) * TS_PACKET_SIZE));
  writer.writePsiPacket(PAT_PID, buildPatSection());
  writer.writePsiPacket(PMT_PID, buildPmtSection(plan.pcrPid, streams));
  const scratch = new Uint8Array(19); // a PES header or an ADTS header
  for (const step of plan.steps) {
    if (step.kind === 'pcr') {
      writer.writePcrPacket(plan.pcrPid, step.pcr);
      continue;
    }
    const { unit } = step;
    const payloadLength = unit.kind === 'video' ? unit.annexB.length : unit.length;
    writer.beginUnit({ pid: step.pid, length: step.headerLength + payloadLength, pcr: step.pcr, randomAccess: step.randomAccess });
    if (unit.kind === 'video' && input.video) {
      const streamId = STREAM_ID_VIDEO;
      writer.writeBytes(scratch, 0, writePesHeader(scratch, 0, { streamId, pts: unit.pts, dts: unit.dts, payloadLength }));
      writeAnnexBAccessUnit(writer, input.video.samples[unit.sample].data, input.video.config, unit.annexB);
    } else if (unit.kind === 'audio' && input.audio && adts) {
      const streamId = STREAM_ID_AUDIO;
      writer.writeBytes(scratch, 0, writePesHeader(scratch, 0, { streamId, pts: unit.dts, dts: unit.dts, payloadLength }));
      for (let i = unit.first; i < unit.first + unit.count; i++) {
        const frame: Sample = input.audio.samples[i];
        writeAdtsHeader(scratch, 0, adts, frame.data.length);
        writer.writeBytes(scratch, 0, ADTS_HEADER_LENGTH);
        writer.writeBytes(frame.data, 0, frame.data.length);
      }
    }
  }
  if (writer.pos !== writer.out.length) throw new Error(`TS plan mismatch: wrote ${writer.pos} of ${writer.out.length} bytes`);
  return writer.out;
}
