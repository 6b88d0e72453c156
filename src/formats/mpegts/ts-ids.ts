/**
 * The fixed identifiers of the single-program transport stream that Tributary writes for HLS
 * (ISO 13818-1 §2.4.4 PSI, Table 2-34 stream types, Table 2-22 stream ids). They match what
 * ffmpeg's HLS muxer uses, so segments look familiar in every analyser.
 */
export const TS_PACKET_SIZE = 188;
/** Packet bytes after the 4-byte header: payload plus adaptation field (§2.4.3.2). */
export const TS_PACKET_BODY = 184;
export const TS_SYNC_BYTE = 0x47;

export const PAT_PID = 0x0000;
export const PMT_PID = 0x1000;
export const VIDEO_PID = 0x0100;
export const AUDIO_PID = 0x0101;

export const TRANSPORT_STREAM_ID = 1;
export const PROGRAM_NUMBER = 1;

/** Table 2-34: AVC video (ITU-T H.264 | ISO 14496-10). */
export const STREAM_TYPE_H264 = 0x1b;
/** Table 2-34 (Amd. 3): HEVC video (ITU-T H.265 | ISO 23008-2). */
export const STREAM_TYPE_HEVC = 0x24;
/** Table 2-34: ISO 13818-7 audio with ADTS transport syntax. */
export const STREAM_TYPE_AAC_ADTS = 0x0f;

/** Table 2-22: first video and first audio stream_id. */
export const STREAM_ID_VIDEO = 0xe0;
export const STREAM_ID_AUDIO = 0xc0;

/** The 90 kHz system clock of PTS, DTS and the PCR base (§2.4.3.5, §2.4.3.7). */
export const MPEG_CLOCK = 90000;
/** PTS, DTS and the PCR base are 33-bit counters that wrap. */
export const TIMESTAMP_WRAP = 2 ** 33;
