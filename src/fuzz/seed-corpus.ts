import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo } from 'node:net';
import pino from 'pino';
import { readBoxes } from '../formats/mp4/box-reader.js';
import { readFlvTags } from '../formats/flv/flv-tag-sequence.js';
import { writeAmf0Values } from '../formats/amf/amf0-writer.js';
import { Amf0EcmaArray } from '../formats/amf/amf0-value.js';
import { createRtmpServer } from '../ingest/rtmp/rtmp-server.js';
import { RecordingHandler } from '../ingest/rtmp/testing/recording-handler.js';
import { SmoothIngestParser } from '../ingest/smooth/smooth-ingest-parser.js';
import { Fmp4ToFlv } from '../ingest/rtmp/testing/fmp4-to-flv.js';

/**
 * Real inputs captured at run time from Debian's ffmpeg, for the fuzzers to mutate: what an
 * encoder actually sends, so mutations start deep inside valid structure.
 */
export interface SeedCorpus {
  /** ffmpeg's C0+C1, as it arrived at an RTMP server. */
  rtmpC0C1: Uint8Array[];
  /** What ffmpeg sent after the handshake while publishing: connect, createStream, publish, media. */
  rtmpChunkStream: Uint8Array[];
  /** Command and data message bodies (AMF0): connect, publish, onMetaData. */
  amf0: Uint8Array[];
  /** FLV tag sequences, as in an RTMP aggregate message. */
  flvTagSequence: Uint8Array[];
  /** FLV tag bodies: AVC and AAC sequence headers and frames, Enhanced RTMP HEVC. */
  flvVideo: Uint8Array[];
  flvAudio: Uint8Array[];
  /** ftyp+moov and moof+mdat of single-track H.264, AAC and HEVC fragmented MP4. */
  mp4Init: Uint8Array[];
  mp4Fragment: Uint8Array[];
  /** A whole Smooth ingest POST body (ffmpeg's ismv muxer). */
  smoothPost: Uint8Array[];
}

const SOURCE = ['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '5', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '32k'];

function ffmpeg(args: string[]): Uint8Array {
  return new Uint8Array(execFileSync('ffmpeg', ['-v', 'error', ...args], { maxBuffer: 64 << 20 }));
}

let cached: Promise<SeedCorpus> | undefined;

/** Builds the corpus once per process (about two seconds of ffmpeg). */
export function seedCorpus(): Promise<SeedCorpus> {
  return (cached ??= build());
}

async function build(): Promise<SeedCorpus> {
  const flv = ffmpeg([...SOURCE, '-t', '1.2', ...H264, '-f', 'flv', '-']);
  // The file header (9 bytes) and PreviousTagSize0 come first; then the tag sequence that an RTMP
  // aggregate message also carries.
  const tagSequence = flv.subarray(13);
  const tags = readFlvTags(tagSequence);
  // CMAF tracks one per file, as the origin stores them.
  const cmaf = ['-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-'];
  const videoMp4 = ffmpeg([...SOURCE, '-t', '1.2', ...H264, '-an', ...cmaf]);
  const audioMp4 = ffmpeg([...SOURCE, '-t', '1.2', ...H264, '-vn', '-frag_duration', '500000', ...cmaf]);
  const hevc = ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=10', '-t', '1', '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error:keyint=5', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-']);
  const smooth = ffmpeg([...SOURCE, '-t', '1.2', ...H264, '-f', 'ismv', '-movflags', 'isml+frag_keyframe', '-']);
  const { c0c1, chunks } = await captureRtmpPublish();

  const initOf = (b: Uint8Array) => {
    const boxes = readBoxes(b);
    const moov = boxes.find((x) => x.type === 'moov')!;
    return b.subarray(0, moov.end);
  };
  const fragmentsOf = (b: Uint8Array) => {
    const boxes = readBoxes(b);
    const out: Uint8Array[] = [];
    boxes.forEach((box, i) => {
      if (box.type === 'moof' && boxes[i + 1]?.type === 'mdat') out.push(b.subarray(box.start, boxes[i + 1].end));
    });
    return out.slice(0, 4);
  };
  // Enhanced RTMP HEVC tags, as the project's own E-RTMP publisher makes them from real x265 output.
  const ertmp = new Fmp4ToFlv();
  const parser = new SmoothIngestParser();
  const hevcTags = parser.push(hevc).flatMap((e) => ertmp.translate(e)).filter((m) => m.typeId === 9).map((m) => m.body).slice(0, 4);

  const video = tags.filter((t) => t.type === 9).map((t) => t.data);
  const audio = tags.filter((t) => t.type === 8).map((t) => t.data);
  const script = tags.filter((t) => t.type === 18).map((t) => t.data);
  return {
    rtmpC0C1: [c0c1],
    rtmpChunkStream: [chunks],
    amf0: [
      ...script,
      writeAmf0Values(['connect', 1, { app: 'live', type: 'nonprivate', flashVer: 'FMLE/3.0', tcUrl: 'rtmp://127.0.0.1/live' }]),
      writeAmf0Values(['publish', 5, null, 'stream', 'live']),
      writeAmf0Values(['@setDataFrame', 'onMetaData', new Amf0EcmaArray({ width: 96, height: 64, videocodecid: 7, audiocodecid: 10, encoder: 'Lavf' })]),
    ],
    flvTagSequence: [tagSequence.subarray(0, 8192)],
    flvVideo: [...video.slice(0, 6), ...hevcTags],
    flvAudio: audio.slice(0, 4),
    mp4Init: [initOf(videoMp4), initOf(audioMp4), initOf(hevc)],
    mp4Fragment: [...fragmentsOf(videoMp4).slice(0, 2), ...fragmentsOf(audioMp4).slice(0, 2), ...fragmentsOf(hevc).slice(0, 2)],
    smoothPost: [smooth],
  };
}

/**
 * ffmpeg publishing to the project's RTMP server through a recording TCP relay: the bytes a real
 * encoder sends, split into C0+C1 and what follows C2 (the chunk stream).
 */
async function captureRtmpPublish(): Promise<{ c0c1: Uint8Array; chunks: Uint8Array }> {
  const rtmp = createRtmpServer({ handler: new RecordingHandler(), logger: pino({ level: 'silent' }) });
  const rtmpPort = await rtmp.listen(0, '127.0.0.1');
  const sent: Buffer[] = [];
  const relay = createServer((client) => {
    const upstream = connect(rtmpPort, '127.0.0.1');
    client.on('data', (b: Buffer) => {
      sent.push(b);
      upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => client.write(b));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const port = (relay.address() as AddressInfo).port;
  const proc = spawn('ffmpeg', ['-v', 'error', ...SOURCE, '-t', '1', ...H264, '-f', 'flv', `rtmp://127.0.0.1:${port}/live/token/cam`], { stdio: 'ignore' });
  const exited = once(proc, 'exit');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  relay.close();
  await rtmp.close();
  const all = new Uint8Array(Buffer.concat(sent));
  if (all.length < 1 + 1536 * 2 + 100) throw new Error(`captured only ${all.length} bytes of an RTMP publish`);
  return { c0c1: all.subarray(0, 1537), chunks: all.subarray(1 + 1536 * 2) };
}
