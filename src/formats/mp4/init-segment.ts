import { ByteWriter } from '../bytes/byte-writer.js';
import type { Track } from '../../model/track.js';
import { isVideoCodec } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { closeBox, openBox, openFullBox, writeBox, writeFullBox } from './box-writer.js';
import { iso639_2, packLanguage } from './language.js';
import { writeAvc1, writeAv01, writeHvc1, writeMp4a } from './sample-entry.js';

/** The track_ID of the single track in every init segment and fragment (CMAF: one track per file). */
export const TRACK_ID = 1;
const MOVIE_TIMESCALE = 1000;
/** Unity transformation matrix (ISO 14496-12 §8.2.2.3), 16.16 and 2.30 fixed point. */
const UNITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

/**
 * A CMAF single-track init segment (ISO 23000-19 §7.3.1; formats.md §6.1): ftyp + moov with
 * an empty sample table and mvex/trex, so all samples live in fragments. Durations are 0
 * (live: unknown).
 */
export function writeInitSegment(track: Track): Uint8Array {
  const video = track.type === 'video';
  if (video !== isVideoCodec(track.codec)) {
    throw new TributaryError('ERR_MEDIA', `track ${track.id}: a ${track.type} track cannot carry ${track.codec.kind}`);
  }
  const w = new ByteWriter(1024);
  writeBox(w, 'ftyp', () => {
    w.ascii('iso6').u32(0);
    const brands = ['iso6', 'cmfc', 'mp41'];
    if (track.codec.kind === 'h264') brands.push('avc1');
    // AV1-ISOBMFF §2.1: files conforming to the binding list the `av01` brand.
    if (track.codec.kind === 'av1') brands.push('av01');
    for (const brand of brands) w.ascii(brand);
  });
  const moov = openBox(w, 'moov');
  writeMvhd(w);
  const trak = openBox(w, 'trak');
  writeTkhd(w, track);
  const mdia = openBox(w, 'mdia');
  writeFullBox(w, 'mdhd', 0, 0, () => {
    w.u32(0).u32(0).u32(track.timescale).u32(0); // creation, modification, timescale, duration
    w.u16(packLanguage(iso639_2(track.language))).u16(0);
  });
  writeFullBox(w, 'hdlr', 0, 0, () => {
    w.u32(0).ascii(video ? 'vide' : 'soun').zeros(12);
    w.ascii(video ? 'VideoHandler' : 'SoundHandler').u8(0);
  });
  const minf = openBox(w, 'minf');
  if (video) writeFullBox(w, 'vmhd', 0, 1, () => w.zeros(8)); // graphicsmode copy, opcolor 0
  else writeFullBox(w, 'smhd', 0, 0, () => w.zeros(4)); // balance 0, reserved
  writeBox(w, 'dinf', () => writeFullBox(w, 'dref', 0, 0, () => {
    w.u32(1);
    writeFullBox(w, 'url ', 0, 1); // flag 1: media data is in this file
  }));
  const stbl = openBox(w, 'stbl');
  const stsd = openFullBox(w, 'stsd', 0, 0);
  w.u32(1);
  if (track.codec.kind === 'h264') writeAvc1(w, track.codec, track.bitrate);
  else if (track.codec.kind === 'h265') writeHvc1(w, track.codec, track.bitrate);
  else if (track.codec.kind === 'av1') writeAv01(w, track.codec, track.bitrate);
  else writeMp4a(w, track.codec, track.bitrate);
  closeBox(w, stsd);
  writeFullBox(w, 'stts', 0, 0, () => w.u32(0));
  writeFullBox(w, 'stsc', 0, 0, () => w.u32(0));
  writeFullBox(w, 'stsz', 0, 0, () => w.u32(0).u32(0));
  writeFullBox(w, 'stco', 0, 0, () => w.u32(0));
  for (const at of [stbl, minf, mdia, trak]) closeBox(w, at);
  writeBox(w, 'mvex', () => writeFullBox(w, 'trex', 0, 0, () => {
    w.u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0); // sample description 1, no defaults
  }));
  closeBox(w, moov);
  return w.finish().slice();
}

/** `mvhd` v0 (§8.2.2): no duration, rate 1.0, volume 1.0, next_track_ID after our one track. */
function writeMvhd(w: ByteWriter): void {
  writeFullBox(w, 'mvhd', 0, 0, () => {
    w.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(0);
    w.u32(0x00010000).u16(0x0100).zeros(10);
    for (const m of UNITY_MATRIX) w.u32(m);
    w.zeros(24).u32(TRACK_ID + 1);
  });
}

/**
 * `tkhd` v0 (§8.3.2), flags 3 = enabled | in movie. Width and height are the presentation
 * size in 16.16: the coded picture stretched by its sample aspect ratio, as players display it.
 */
function writeTkhd(w: ByteWriter, track: Track): void {
  let width = 0;
  let height = 0;
  if (isVideoCodec(track.codec)) {
    width = Math.round((track.codec.width * track.codec.sarWidth) / track.codec.sarHeight);
    height = track.codec.height;
  }
  writeFullBox(w, 'tkhd', 0, 3, () => {
    w.u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0); // creation, modification, track_ID, reserved, duration
    w.zeros(8).u16(0).u16(0); // reserved, layer, alternate_group
    w.u16(track.type === 'audio' ? 0x0100 : 0).u16(0);
    for (const m of UNITY_MATRIX) w.u32(m);
    w.u32(Math.min(width, 0xffff) * 0x10000).u32(Math.min(height, 0xffff) * 0x10000);
  });
}
