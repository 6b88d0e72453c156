import { ByteWriter } from '../../formats/bytes/byte-writer.js';
import { box, fullBox } from '../../formats/mp4/box-writer.js';
import { writeAvc1, writeMp4a } from '../../formats/mp4/sample-entry.js';
import { sampleFlags } from '../../formats/mp4/sample-flags.js';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';
import { LIVE_SERVER_MANIFEST_UUID, TFXD_UUID } from './smooth-uuids.js';

/**
 * Builds Smooth ingest streams box by box for tests (MS-SSTR §2.2.7; formats.md §2.1), with
 * switches for the variants real encoders use: several trafs per moof, tfxd v0/v1 or tfdt,
 * base-data-offset or default-base-is-moof, trun without durations.
 */
export interface TestTrack {
  trackId: number;
  timescale: number;
  codec: H264Config | AacConfig;
  /** 'vide'/'soun' from the codec unless given (to build odd streams). */
  handler?: string;
  /** Replaces the sample entry (an hvc1 entry, a text entry…). */
  sampleEntry?: Uint8Array;
}

export interface TestTraf {
  trackId: number;
  time: bigint;
  samples: Sample[];
  /** tfxd version 0 or 1, or 'none'; default 1. */
  tfxd?: 0 | 1 | 'none';
  /** Write a tfdt (v1) with this time. */
  tfdt?: bigint;
  /** trun version; default 1. */
  trunVersion?: 0 | 1;
  /** Leave per-sample durations out of trun (the tfxd carries the fragment duration). */
  noDurations?: boolean;
}

export interface TestMoofOptions {
  /** How data offsets are expressed: relative to the moof (default), default-base-is-moof, or absolute base-data-offset at this stream offset of the moof. */
  base?: 'moof' | 'default-base-is-moof' | { absoluteMoofOffset: number };
  /** Omit trun data_offset in trafs after the first (their data follows the previous traf's). */
  implicitOffsets?: boolean;
  /** mdat with a 64-bit largesize. */
  largeMdat?: boolean;
}

const be32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

export function ftyp(): Uint8Array {
  return box('ftyp', new TextEncoder().encode('isml'), be32(512), new TextEncoder().encode('islmpiff'));
}

/** A uuid box: size, 'uuid', the 16-byte extended type, then the payload. */
export function uuidBox(uuid: string, payload: Uint8Array): Uint8Array {
  return box('uuid', hexBytes(uuid), payload);
}

/** The Live Server Manifest Box with a SMIL document (FullBox v0). */
export function manifestBox(smil: string): Uint8Array {
  return uuidBox(LIVE_SERVER_MANIFEST_UUID, concat(new Uint8Array(4), new TextEncoder().encode(smil)));
}

/** ffmpeg-style SMIL for the given tracks. */
export function smilFor(tracks: { type: 'video' | 'audio'; trackId: number; bitrate: number; name: string; language?: string }[]): string {
  const els = tracks.map(
    (t) =>
      `<${t.type} systemBitrate="${t.bitrate}">\n<param name="systemBitrate" value="${t.bitrate}" valuetype="data"/>\n` +
      `<param name="trackID" value="${t.trackId}" valuetype="data"/>\n<param name="systemLanguage" value="${t.language ?? 'und'}" valuetype="data"/>\n` +
      `<param name="trackName" value="${t.name}" valuetype="data"/>\n<param name="FourCC" value="${t.type === 'video' ? 'H264' : 'AACL'}" valuetype="data"/>\n</${t.type}>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<smil xmlns="http://www.w3.org/2001/SMIL20/Language">\n<head>\n<meta name="creator" content="test" />\n</head>\n<body>\n<switch>\n${els.join('\n')}\n</switch>\n</body>\n</smil>\n`;
}

export function moov(tracks: TestTrack[]): Uint8Array {
  const traks = tracks.map((t) => {
    const video = t.codec.kind === 'h264';
    const tkhd = fullBox('tkhd', 0, 3, new Uint8Array(8), be32(t.trackId), new Uint8Array(68));
    const mdhd = fullBox('mdhd', 0, 0, new Uint8Array(8), be32(t.timescale), be32(0), new Uint8Array([0x55, 0xc4, 0, 0]));
    const hdlr = fullBox('hdlr', 0, 0, be32(0), new TextEncoder().encode(t.handler ?? (video ? 'vide' : 'soun')), new Uint8Array(13));
    let entry = t.sampleEntry;
    if (!entry) {
      const w = new ByteWriter(512);
      if (t.codec.kind === 'h264') writeAvc1(w, t.codec, 0);
      else writeMp4a(w, t.codec, 0);
      entry = w.finish();
    }
    const stsd = fullBox('stsd', 0, 0, be32(1), entry);
    const stbl = box('stbl', stsd, fullBox('stts', 0, 0, be32(0)), fullBox('stsc', 0, 0, be32(0)), fullBox('stsz', 0, 0, be32(0), be32(0)), fullBox('stco', 0, 0, be32(0)));
    const minf = box('minf', video ? fullBox('vmhd', 0, 1, new Uint8Array(8)) : fullBox('smhd', 0, 0, new Uint8Array(4)), stbl);
    return box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
  });
  const mvhd = fullBox('mvhd', 0, 0, new Uint8Array(8), be32(1000), new Uint8Array(84));
  const trex = tracks.map((t) => fullBox('trex', 0, 0, be32(t.trackId), be32(1), be32(0), be32(0), be32(0)));
  return box('moov', mvhd, ...traks, box('mvex', ...trex));
}

/** moof + mdat with the given trafs, data laid out in traf order. */
export function fragment(sequence: number, trafs: TestTraf[], o: TestMoofOptions = {}): Uint8Array {
  const base = o.base ?? 'moof';
  const build = (moofSize: number) => {
    let dataPos = moofSize + (o.largeMdat ? 16 : 8);
    const parts = trafs.map((t, i) => {
      let tfhdFlags = 0;
      const tfhdFields: Uint8Array[] = [be32(t.trackId)];
      if (typeof base === 'object') {
        tfhdFlags |= 0x1;
        const w = new ByteWriter(8);
        w.u64(BigInt(base.absoluteMoofOffset));
        tfhdFields.push(w.finish());
      } else if (base === 'default-base-is-moof') tfhdFlags |= 0x020000;
      const tfhd = fullBox('tfhd', 0, tfhdFlags, ...tfhdFields);
      const explicit = !(o.implicitOffsets && i > 0) || base === 'default-base-is-moof' || typeof base === 'object';
      let flags = 0x200 | 0x400 | 0x800 | (explicit ? 0x001 : 0);
      if (!t.noDurations) flags |= 0x100;
      const w = new ByteWriter(64 + t.samples.length * 16);
      w.u32(t.samples.length);
      // §8.8.7.1: without a base in tfhd, a later traf's offsets count from the end of the
      // previous traf's data, which is where its own data starts here.
      if (explicit) w.i32(base === 'moof' && i > 0 ? 0 : dataPos);
      for (const s of t.samples) {
        if (!t.noDurations) w.u32(s.duration);
        w.u32(s.data.length).u32(sampleFlags(s.sync)).i32(s.compositionOffset);
      }
      dataPos += t.samples.reduce((n, s) => n + s.data.length, 0);
      const trun = fullBox('trun', t.trunVersion ?? 1, flags, w.finish());
      const children = [tfhd];
      if (t.tfdt !== undefined) {
        const d = new ByteWriter(8);
        d.u64(t.tfdt);
        children.push(fullBox('tfdt', 1, 0, d.finish()));
      }
      children.push(trun);
      const duration = t.samples.reduce((n, s) => n + s.duration, 0);
      if ((t.tfxd ?? 1) === 1) {
        const x = new ByteWriter(16);
        x.u64(BigInt.asUintN(64, t.time)).u64(BigInt(duration));
        children.push(uuidBox(TFXD_UUID, concat(new Uint8Array([1, 0, 0, 0]), x.finish())));
      } else if (t.tfxd === 0) {
        children.push(uuidBox(TFXD_UUID, concat(new Uint8Array(4), be32(Number(t.time)), be32(duration))));
      }
      return box('traf', ...children);
    });
    return box('moof', fullBox('mfhd', 0, 0, be32(sequence)), ...parts);
  };
  // The data offsets depend on the moof size, which does not depend on their values. With a
  // base-data-offset equal to the moof's stream offset, the data_offset numbers are the same.
  return withMdat(build(build(0).length), trafs, o);
}

function withMdat(moofBytes: Uint8Array, trafs: TestTraf[], o: TestMoofOptions): Uint8Array {
  const payload = concat(...trafs.flatMap((t) => t.samples.map((s) => s.data)));
  if (o.largeMdat) {
    const w = new ByteWriter(16);
    w.u32(1).ascii('mdat').u64(BigInt(payload.length + 16));
    return concat(moofBytes, w.finish(), payload);
  }
  return concat(moofBytes, be32(payload.length + 8), new TextEncoder().encode('mdat'), payload);
}

/** ffmpeg's end of stream: an empty mfra. */
export function emptyMfra(): Uint8Array {
  return box('mfra');
}

export { concat };
