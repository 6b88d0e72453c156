import { rescale } from '../../model/time.js';
import type { AacConfig } from '../../model/codec.js';
import { ADTS_HEADER_LENGTH } from './adts-header.js';
import type { TsTrackInput } from './ts-segment-input.js';
import { MPEG_CLOCK } from './ts-ids.js';

/** One audio PES: consecutive AAC frames, each behind its own ADTS header. */
export interface AudioUnit {
  kind: 'audio';
  /** Index of the first sample and number of samples. */
  first: number;
  count: number;
  /** 90 kHz, unwrapped; PTS = DTS for AAC. */
  dts: number;
  /** Bytes of ADTS frames. */
  length: number;
}

/**
 * A PES spans at most 90 ms of audio: few PES headers, yet short enough that when audio is the
 * PCR PID each PES can carry the PCR within the 100 ms bound (ISO 13818-1 §2.7.2). The 16-bit
 * PES_packet_length, mandatory for audio, caps its size too.
 */
const MAX_PES_TICKS = 8100;
const MAX_PES_BYTES = 0xffff - 8;

export function audioUnits(track: TsTrackInput<AacConfig>): AudioUnit[] {
  const units: AudioUnit[] = [];
  let current: AudioUnit | undefined;
  let t = track.decodeTime;
  track.samples.forEach((s, i) => {
    const start = Number(rescale(t, track.timescale, MPEG_CLOCK));
    t += BigInt(s.duration);
    const end = Number(rescale(t, track.timescale, MPEG_CLOCK));
    const bytes = ADTS_HEADER_LENGTH + s.data.length;
    if (!current || end - current.dts > MAX_PES_TICKS || current.length + bytes > MAX_PES_BYTES) {
      current = { kind: 'audio', first: i, count: 0, dts: start, length: 0 };
      units.push(current);
    }
    current.count++;
    current.length += bytes;
  });
  return units;
}
