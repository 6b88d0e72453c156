import fc from 'fast-check';
import { buildAssetFilter, patchAssetFilter } from '../catalog/build-asset-filter.js';
import { buildChannel } from '../catalog/build-channel.js';
import { buildLocator } from '../catalog/build-locator.js';
import { buildProgram } from '../catalog/build-program.js';
import { buildStreamingEndpoint, patchStreamingEndpoint } from '../catalog/build-streaming-endpoint.js';
import { patchChannel } from '../catalog/patch-channel.js';
import { aacConfigFromAsc } from '../codecs/aac/aac-config.js';
import { av1ConfigFromAv1C } from '../codecs/av1/av1-config.js';
import { h264ConfigFromAvcC } from '../codecs/h264/h264-config.js';
import { h265ConfigFromHvcC } from '../codecs/hevc/h265-config.js';
import { readAmf0Values } from '../formats/amf/amf0-reader.js';
import { writeAmf0Values } from '../formats/amf/amf0-writer.js';
import type { Amf0Value } from '../formats/amf/amf0-value.js';
import { readFlvTags } from '../formats/flv/flv-tag-sequence.js';
import { parseFlvAudio } from '../formats/flv/parse-flv-audio.js';
import { parseFlvVideo } from '../formats/flv/parse-flv-video.js';
import { readBoxes } from '../formats/mp4/box-reader.js';
import { readFragment } from '../formats/mp4/fragment-reader.js';
import { readInitSegment } from '../formats/mp4/init-reader.js';
import { apiRoutes } from '../http/api/register-api.js';
import { VALID_BODIES } from '../http/api/valid-bodies.js';
import { validateJson } from '../http/api/validate-json.js';
import type { JsonSchema } from '../http/api/json-schema.js';
import { ChunkReader, DEFAULT_CHUNK_READER_LIMITS } from '../ingest/rtmp/chunk-reader.js';
import { answerHandshake } from '../ingest/rtmp/handshake.js';
import { MessageType, type RtmpMessage } from '../ingest/rtmp/rtmp-message.js';
import { parseSmoothIngestUrl } from '../ingest/smooth/smooth-ingest-url.js';
import { SmoothIngestParser } from '../ingest/smooth/smooth-ingest-parser.js';
import { DEFAULT_SMOOTH_INGEST_LIMITS } from '../ingest/smooth/smooth-limits.js';
import { parseHdsPath } from '../packaging/hds/hds-path.js';
import { parsePlaybackPath } from '../packaging/playback-path.js';
import { TributaryError } from '../util/errors.js';
import { mutatedBytes, pieces, splits } from './mutate.js';
import type { SeedCorpus } from './seed-corpus.js';

/**
 * One parser under fuzz. `run` feeds it one input the way the server would and throws only on a
 * bug: a parser may refuse its input with a TributaryError (the clear error that ends a
 * connection), never with anything else, and never hold more than its limits allow.
 */
export interface FuzzTarget {
  name: string;
  input(corpus: SeedCorpus): fc.Arbitrary<unknown>;
  run(input: unknown): void;
}

/** Runs `parse`; a TributaryError is the parser refusing bad input, anything else is a bug. */
function refusedOrParsed(parse: () => void): void {
  try {
    parse();
  } catch (err) {
    if (err instanceof TributaryError) return;
    throw err;
  }
}

/** What the RTMP session does with a reassembled message's body (rtmp-session.ts, the publish adapter). */
function dispatchRtmpMessage(m: RtmpMessage): void {
  switch (m.typeId) {
    case MessageType.Amf0Command:
    case MessageType.Amf0Data:
      refusedOrParsed(() => readAmf0Values(m.payload));
      break;
    case MessageType.Audio:
      parseAudioWithConfig(m.payload);
      break;
    case MessageType.Video:
      parseVideoWithConfig(m.payload);
      break;
    case MessageType.Aggregate:
      refusedOrParsed(() => readFlvTags(m.payload).forEach((t) => (t.type === 9 ? parseVideoWithConfig(t.data) : t.type === 8 ? parseAudioWithConfig(t.data) : undefined)));
      break;
  }
}

function parseVideoWithConfig(body: Uint8Array): void {
  const packet = parseFlvVideo(body);
  if (packet.kind !== 'config') return;
  const read = { avc: h264ConfigFromAvcC, hevc: h265ConfigFromHvcC, av1: av1ConfigFromAv1C }[packet.codec];
  refusedOrParsed(() => read(packet.data, {}));
}

function parseAudioWithConfig(body: Uint8Array): void {
  const packet = parseFlvAudio(body);
  if (packet.kind === 'config') refusedOrParsed(() => aacConfigFromAsc(packet.data));
}

/** Arbitrary AMF0 values: what a command or metadata could hold, nested a few levels. */
const amf0Value: fc.Arbitrary<Amf0Value> = fc.letrec<{ value: Amf0Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 40 }),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    // AMF0 cannot encode an empty property name (it is the object-end marker), so none is generated.
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Every operation's request body, spoiled: members dropped, replaced or added with any JSON. */
const BUILDERS: Record<string, (body: never) => unknown> = {
  createChannel: (b) => buildChannel(b, NOW),
  updateChannel: (b) => patchChannel(buildChannel({ name: 'ch1', input: { protocol: 'rtmp' } }, NOW), b, NOW),
  createProgram: (b) => buildProgram('ch1', b, NOW),
  createLocator: (b) => buildLocator(b, NOW),
  createStreamingEndpoint: (b) => buildStreamingEndpoint(b, NOW),
  updateStreamingEndpoint: (b) => patchStreamingEndpoint(buildStreamingEndpoint({ name: 'edge', port: 9000 }, NOW), b, NOW),
  createAssetFilter: (b) => buildAssetFilter('show', b, NOW),
  updateAssetFilter: (b) => patchAssetFilter(buildAssetFilter('show', { name: 'f' }, NOW), b, NOW),
};
const NOW = '2030-01-01T00:00:00.000Z';

let schemas: Map<string, JsonSchema> | undefined;
function bodySchema(operationId: string): JsonSchema {
  schemas ??= new Map(apiRoutes().flatMap((r) => (r.body ? [[r.operationId, r.body] as const] : [])));
  return schemas.get(operationId)!;
}

function spoil(value: unknown, edits: { path: number[]; replacement: unknown; remove: boolean }[]): unknown {
  let root = structuredClone(value);
  for (const edit of edits) {
    if (root === null || typeof root !== 'object') {
      root = edit.replacement;
      continue;
    }
    let node = root as Record<string, unknown>;
    for (let depth = 0; depth < edit.path.length; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[edit.path[depth] % keys.length];
      const child = node[key];
      if (depth === edit.path.length - 1 || child === null || typeof child !== 'object') {
        if (edit.remove) delete node[key];
        else node[key] = edit.replacement;
        break;
      }
      node = child as Record<string, unknown>;
    }
  }
  return root;
}

const bodyEdits = fc.array(fc.record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), replacement: fc.jsonValue({ maxDepth: 3 }), remove: fc.boolean() }), { minLength: 1, maxLength: 4 });

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'rtmp-handshake',
    input: (c) => mutatedBytes(c.rtmpC0C1),
    run: (bytes) => refusedOrParsed(() => answerHandshake(bytes as Uint8Array)),
  },
  {
    name: 'rtmp-chunk-stream',
    input: (c) => fc.tuple(mutatedBytes(c.rtmpChunkStream), splits),
    run: (input) => {
      const [bytes, sizes] = input as [Uint8Array, number[]];
      const reader = new ChunkReader();
      refusedOrParsed(() => {
        for (const piece of pieces(bytes, sizes)) {
          reader.push(piece);
          for (let r = reader.read(); r.kind === 'message'; r = reader.read()) dispatchRtmpMessage(r.message);
          // What the reader holds is bounded by its limits, whatever the input claims.
          const bound = DEFAULT_CHUNK_READER_LIMITS.maxPendingBytes + piece.length + 64;
          if (reader.bufferedBytes > bound) throw new Error(`chunk reader holds ${reader.bufferedBytes} bytes, over ${bound}`);
        }
      });
    },
  },
  {
    name: 'amf0',
    input: (c) => fc.oneof(mutatedBytes(c.amf0), fc.array(amf0Value, { maxLength: 4 }).chain((values) => mutatedBytes([writeAmf0Values(values)]))),
    run: (bytes) => refusedOrParsed(() => readAmf0Values(bytes as Uint8Array)),
  },
  {
    name: 'flv-tags',
    input: (c) => fc.oneof(fc.tuple(fc.constant('sequence'), mutatedBytes(c.flvTagSequence)), fc.tuple(fc.constant('video'), mutatedBytes(c.flvVideo)), fc.tuple(fc.constant('audio'), mutatedBytes(c.flvAudio))),
    run: (input) => {
      const [kind, bytes] = input as [string, Uint8Array];
      if (kind === 'video') parseVideoWithConfig(bytes);
      else if (kind === 'audio') parseAudioWithConfig(bytes);
      else dispatchRtmpMessage({ csid: 4, typeId: MessageType.Aggregate, streamId: 1, timestamp: 0, payload: bytes });
    },
  },
  {
    name: 'mp4-boxes',
    input: (c) => fc.oneof(fc.tuple(fc.constant('init'), mutatedBytes(c.mp4Init)), fc.tuple(fc.constant('fragment'), mutatedBytes(c.mp4Fragment))),
    run: (input) => {
      const [kind, bytes] = input as [string, Uint8Array];
      refusedOrParsed(() => readBoxes(bytes));
      refusedOrParsed(() => (kind === 'init' ? readInitSegment(bytes) : readFragment(bytes)));
    },
  },
  {
    name: 'smooth-post',
    input: (c) => fc.tuple(mutatedBytes(c.smoothPost), splits),
    run: (input) => {
      const [bytes, sizes] = input as [Uint8Array, number[]];
      const parser = new SmoothIngestParser();
      refusedOrParsed(() => {
        for (const piece of pieces(bytes, sizes)) {
          parser.push(piece);
          const bound = DEFAULT_SMOOTH_INGEST_LIMITS.maxMdatBytes + DEFAULT_SMOOTH_INGEST_LIMITS.maxMoofBytes + piece.length;
          if (parser.bytesBuffered > bound) throw new Error(`Smooth parser holds ${parser.bytesBuffered} bytes, over ${bound}`);
        }
      });
    },
  },
  {
    name: 'playback-path',
    input: () =>
      fc.oneof(
        fc.string({ maxLength: 600, unit: 'binary' }),
        fc.constantFrom(...SAMPLE_PATHS).chain((p) => mutatedBytes([new TextEncoder().encode(p)]).map((b) => new TextDecoder().decode(b))),
      ),
    run: (path) => {
      // These return a reason for anything they do not accept; throwing at all is a bug.
      parsePlaybackPath(path as string);
      parseHdsPath(path as string);
      parseSmoothIngestUrl(`/ingest/${path as string}`);
    },
  },
  {
    name: 'api-bodies',
    input: () => fc.tuple(fc.constantFrom(...Object.keys(BUILDERS)), bodyEdits),
    run: (input) => {
      const [operationId, edits] = input as [string, { path: number[]; replacement: unknown; remove: boolean }[]];
      const body = spoil(VALID_BODIES[operationId].body, edits);
      // The schema check runs first, as on the wire; the catalog's own rules after it.
      if (validateJson(bodySchema(operationId), body).length > 0) return;
      refusedOrParsed(() => BUILDERS[operationId](body as never));
    },
  },
];

const SAMPLE_PATHS = [
  'manifest(format=m3u8-cmaf,filter=a;b,audio-only=false)',
  'QualityLevels(3000000)/Manifest(video_720,format=m3u8-aapl,filter=mobile)',
  'QualityLevels(3000000)/Fragments(video_720=180000,format=m3u8-cmaf).m4s',
  'QualityLevels(128000)/Fragments(audio_720=i0,format=mpd-time-cmaf).mp4',
  'QualityLevels(3000000)/FragmentInfo(video=180000)',
  'QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f,filter=late)',
  'QualityLevels(3000000)/Fragments(video_720,format=f4m-f4f)/Seg1-Frag12',
  'ch1/0123456789abcdef0123456789abcdef/ingest.isml/Streams(cam)',
];
