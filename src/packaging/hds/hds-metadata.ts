import { Amf0EcmaArray, type Amf0Object } from '../../formats/amf/amf0-value.js';
import { writeAmf0Values } from '../../formats/amf/amf0-writer.js';
import type { HdsStream } from './hds-streams.js';

/** FLV codec ids (FLV 10.1 §E.4.2.1 SoundFormat 10 = AAC, §E.4.3.1 CodecID 7 = AVC). */
const FLV_AVC = 7;
const FLV_AAC = 10;

/**
 * The `onMetaData` script data (FLV 10.1 §E.5) of a rendition, base64 in the media element's
 * `<metadata>` (F4M 1.0). A client that writes an FLV file puts it first (yt-dlp does, for an
 * on-demand presentation). Rates are kbit/s as FLV metadata has them; `duration` only once known.
 */
export function hdsMetadata(stream: HdsStream, durationSeconds?: number): Uint8Array {
  const m: Amf0Object = {};
  if (durationSeconds !== undefined) m.duration = durationSeconds;
  const v = stream.video?.track;
  if (v && v.codec.kind === 'h264') {
    m.width = v.codec.width;
    m.height = v.codec.height;
    if (v.codec.frameRate !== undefined) m.framerate = v.codec.frameRate;
    m.videocodecid = FLV_AVC;
    m.videodatarate = v.bitrate / 1000;
  }
  const a = stream.audio?.track;
  if (a && a.codec.kind === 'aac') {
    m.audiocodecid = FLV_AAC;
    m.audiodatarate = a.bitrate / 1000;
    m.audiosamplerate = a.codec.sampleRate;
    m.audiochannels = a.codec.channels;
    m.stereo = a.codec.channels === 2;
  }
  return writeAmf0Values(['onMetaData', new Amf0EcmaArray(m)]);
}
