import { ACCESS_TOKEN_PATTERN, INGEST_PROTOCOLS, KEY_FRAME_INTERVAL_MS, CHANNEL_STATES } from '../../catalog/channel.js';
import { IP_ALLOW_MAX } from '../../catalog/ip-range.js';
import { UUID_PATTERN } from '../../catalog/locator.js';
import { PROGRAM_STATES } from '../../catalog/program.js';
import {
  ALLOW_ORIGINS_MAX,
  ORIGIN_PATTERN,
  POLICY_MAX_LENGTH,
  PORT_RANGE,
  SCALE_UNITS,
  SIGNING_KEY_BYTES,
  SIGNING_KEY_ID_PATTERN,
  SIGNING_KEYS_MAX,
  STREAMING_ENDPOINT_STATES,
} from '../../catalog/streaming-endpoint.js';
import { AssetFilter, AssetFilterCreate, AssetFilterPatch, locatorFilters } from './asset-filter-schemas.js';
import type { JsonSchema } from './json-schema.js';
import { description, name, str, timestamp, url } from './schema-primitives.js';

export { AssetFilter, AssetFilterCreate, AssetFilterPatch };

/**
 * Every schema the API validates with and documents, in one place. Request bodies refuse
 * unknown properties. The catalog repeats the semantic checks (IP syntax, duration range), so
 * these describe shape and bounds. Each is listed in SCHEMAS under its OpenAPI component name.
 */

export const IpRange: JsonSchema = {
  type: 'object',
  description: 'An allowed source network (IPv4 or IPv6); prefixLength defaults to the single address',
  properties: { name: str('Label', { maxLength: 64 }), address: str('IP address'), prefixLength: { type: 'integer', minimum: 0, maximum: 128 } },
  required: ['address'],
  additionalProperties: false,
};
const ipAllow: JsonSchema = { type: 'array', items: IpRange, maxItems: IP_ALLOW_MAX, description: 'Absent: allow all; empty: allow none' };
/** In a PATCH body null removes the list (allow all again). */
const ipAllowPatch: JsonSchema = { ...ipAllow, type: ['array', 'null'], description: 'null: remove the list (allow all); empty: allow none' };

export const Endpoint: JsonSchema = {
  type: 'object',
  properties: { protocol: str('rtmp, rtmps, fmp4 or smooth'), url: str('URL', { format: 'uri' }) },
  required: ['protocol', 'url'],
};

export const ChannelCreate: JsonSchema = {
  type: 'object',
  properties: {
    name,
    description,
    input: {
      type: 'object',
      properties: {
        protocol: { type: 'string', enum: INGEST_PROTOCOLS },
        keyFrameIntervalMs: { type: 'integer', minimum: KEY_FRAME_INTERVAL_MS.min, maximum: KEY_FRAME_INTERVAL_MS.max, default: KEY_FRAME_INTERVAL_MS.default },
        accessToken: str('Secret part of the ingest URLs; random 32 hex characters when absent', { pattern: ACCESS_TOKEN_PATTERN }),
        ipAllow,
      },
      required: ['protocol'],
      additionalProperties: false,
    },
    preview: { type: 'object', properties: { ipAllow }, additionalProperties: false },
  },
  required: ['name', 'input'],
  additionalProperties: false,
};

export const Channel: JsonSchema = {
  type: 'object',
  properties: {
    name,
    description,
    state: { type: 'string', enum: CHANNEL_STATES },
    input: {
      type: 'object',
      properties: { protocol: { type: 'string', enum: INGEST_PROTOCOLS }, keyFrameIntervalMs: { type: 'integer' }, accessToken: str('Ingest secret'), ipAllow, endpoints: { type: 'array', items: Endpoint } },
      required: ['protocol', 'keyFrameIntervalMs', 'accessToken', 'endpoints'],
    },
    preview: { type: 'object', properties: { ipAllow, endpoints: { type: 'array', items: Endpoint } }, required: ['endpoints'] },
    created: timestamp,
    lastModified: timestamp,
  },
  required: ['name', 'description', 'state', 'input', 'preview', 'created', 'lastModified'],
};

export const ChannelPatch: JsonSchema = {
  type: 'object',
  description: 'Absent members stay as they are. The token and key frame interval change only while Stopped; the protocol never does',
  properties: {
    description,
    input: {
      type: 'object',
      properties: {
        protocol: { type: 'string', enum: INGEST_PROTOCOLS, description: "Only the channel's own protocol is accepted: it cannot be changed" },
        keyFrameIntervalMs: { type: 'integer', minimum: KEY_FRAME_INTERVAL_MS.min, maximum: KEY_FRAME_INTERVAL_MS.max },
        accessToken: str('New ingest secret (only while Stopped)', { pattern: ACCESS_TOKEN_PATTERN }),
        ipAllow: ipAllowPatch,
      },
      additionalProperties: false,
    },
    preview: { type: 'object', properties: { ipAllow: ipAllowPatch }, additionalProperties: false },
  },
  additionalProperties: false,
};

export const ProgramCreate: JsonSchema = {
  type: 'object',
  properties: {
    name,
    description,
    assetName: { ...name, description: 'Asset to record into; defaults to the program name' },
    archiveWindow: str('ISO 8601 duration from PT5M to PT25H', { examples: ['PT1H'] }),
    manifestName: { ...name, description: 'Name in playback URLs; defaults to the channel name' },
  },
  required: ['name', 'archiveWindow'],
  additionalProperties: false,
};

export const Program: JsonSchema = {
  type: 'object',
  properties: {
    channel: name,
    name,
    description,
    assetName: name,
    archiveWindow: str('ISO 8601 duration'),
    archiveWindowMs: { type: 'integer' },
    manifestName: name,
    state: { type: 'string', enum: PROGRAM_STATES },
    lastError: {
      type: 'object',
      description: 'Why the program last stopped recording on its own (disk full, a write error); cleared when it starts again',
      properties: { code: str('Error code'), message: str('What happened'), time: timestamp },
      required: ['code', 'message', 'time'],
    },
    created: timestamp,
    lastModified: timestamp,
  },
  required: ['channel', 'name', 'assetName', 'archiveWindow', 'archiveWindowMs', 'manifestName', 'state', 'created'],
};

export const Track: JsonSchema = {
  type: 'object',
  properties: {
    id: str('Track id'),
    type: { type: 'string', enum: ['video', 'audio', 'text'] },
    codec: str('RFC 6381 codec string'),
    bitrate: { type: 'integer' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    sampleRate: { type: 'integer' },
    channels: { type: 'integer' },
    language: str('BCP 47 language tag'),
  },
  required: ['id', 'type', 'codec', 'bitrate'],
};

export const Asset: JsonSchema = {
  type: 'object',
  properties: {
    name,
    state: { type: 'string', enum: ['live', 'ready'] },
    created: timestamp,
    lastModified: timestamp,
    channel: name,
    program: name,
    manifestName: name,
    durationMs: { type: 'integer' },
    sizeBytes: { type: 'integer' },
    tracks: { type: 'array', items: Track },
    startTimestamp: { type: 'integer', description: 'Media time of the first fragment, in 100 ns units: where filter times point' },
    endTimestamp: { type: 'integer', description: 'Media time of the end of the last fragment, in 100 ns units' },
  },
  required: ['name', 'state', 'created', 'durationMs', 'sizeBytes', 'tracks'],
};

export const LocatorCreate: JsonSchema = {
  type: 'object',
  properties: { assetName: name, id: str('UUID; random when absent', { pattern: UUID_PATTERN }), startTime: timestamp, expiryTime: timestamp, filters: locatorFilters },
  required: ['assetName'],
  additionalProperties: false,
};

export const Locator: JsonSchema = {
  type: 'object',
  properties: {
    id: str('UUID', { format: 'uuid' }),
    assetName: name,
    startTime: timestamp,
    expiryTime: timestamp,
    filters: locatorFilters,
    created: timestamp,
    urls: {
      type: 'object',
      properties: { smooth: url, hls: url, hlsV3: url, hlsCmaf: url, dash: url, dashCmaf: url, hds: url },
      required: ['smooth', 'hls', 'hlsV3', 'hlsCmaf', 'dash', 'dashCmaf', 'hds'],
    },
  },
  required: ['id', 'assetName', 'startTime', 'expiryTime', 'filters', 'urls'],
};

const port: JsonSchema = { type: 'integer', minimum: PORT_RANGE.min, maximum: PORT_RANGE.max, description: 'Own HTTP port (not the server\'s HTTP or RTMP ports)' };
const scaleUnits: JsonSchema = { type: 'integer', minimum: SCALE_UNITS.min, maximum: SCALE_UNITS.max, description: 'Recorded and shown' };
const cors: JsonSchema = {
  type: 'object',
  description: 'Replaces Access-Control-Allow-Origin: * (an Origin in the list is echoed back)',
  properties: { allowOrigins: { type: 'array', maxItems: ALLOW_ORIGINS_MAX, items: str('* or an origin such as https://player.example.com', { pattern: ORIGIN_PATTERN }) } },
  required: ['allowOrigins'],
  additionalProperties: false,
};
const policy = str('XML document', { maxLength: POLICY_MAX_LENGTH });
const crossSiteAccessPolicies: JsonSchema = {
  type: 'object',
  description: 'Served as /clientaccesspolicy.xml and /crossdomain.xml on the endpoint',
  properties: { clientAccessPolicy: policy, crossDomainPolicy: policy },
  additionalProperties: false,
};

const urlSigning: JsonSchema = {
  type: 'object',
  description: 'With keys, the endpoint serves signed playback URLs only (/signed/{keyId}.{expiry}.{HMAC-SHA256}/{locatorId}/…)',
  properties: {
    keys: {
      type: 'array',
      maxItems: SIGNING_KEYS_MAX,
      items: {
        type: 'object',
        properties: {
          id: str('Named in each token', { pattern: SIGNING_KEY_ID_PATTERN }),
          base64Key: str(`${SIGNING_KEY_BYTES.min} to ${SIGNING_KEY_BYTES.max} random bytes, base64`, { maxLength: 100 }),
        },
        required: ['id', 'base64Key'],
        additionalProperties: false,
      },
    },
  },
  required: ['keys'],
  additionalProperties: false,
};

export const StreamingEndpointCreate: JsonSchema = {
  type: 'object',
  properties: { name, description, port, scaleUnits, ipAllow, cors, crossSiteAccessPolicies, urlSigning },
  required: ['name'],
  additionalProperties: false,
};

export const StreamingEndpointPatch: JsonSchema = {
  type: 'object',
  description: 'Absent members stay as they are; null removes ipAllow, cors, crossSiteAccessPolicies or urlSigning. The port changes only while Stopped, never on default',
  properties: {
    description,
    port,
    scaleUnits,
    ipAllow: ipAllowPatch,
    cors: { ...cors, type: ['object', 'null'] },
    crossSiteAccessPolicies: { ...crossSiteAccessPolicies, type: ['object', 'null'] },
    urlSigning: { ...urlSigning, type: ['object', 'null'] },
  },
  additionalProperties: false,
};

export const SignedUrlsRequest: JsonSchema = {
  type: 'object',
  properties: { locatorId: str('The locator to grant', { pattern: UUID_PATTERN }), expiryTime: timestamp, keyId: str('Default: the first key', { pattern: SIGNING_KEY_ID_PATTERN }) },
  required: ['locatorId', 'expiryTime'],
  additionalProperties: false,
};

export const SignedUrls: JsonSchema = {
  type: 'object',
  properties: {
    expiryTime: timestamp,
    urls: { type: 'object', description: 'The locator\'s playback URLs on this endpoint, signed', properties: { smooth: url, hls: url, hlsV3: url, hlsCmaf: url, dash: url, dashCmaf: url, hds: url } },
  },
  required: ['expiryTime', 'urls'],
};

export const StreamingEndpointScale: JsonSchema = {
  type: 'object',
  properties: { scaleUnits },
  required: ['scaleUnits'],
  additionalProperties: false,
};

export const StreamingEndpoint: JsonSchema = {
  type: 'object',
  properties: {
    name,
    description,
    state: { type: 'string', enum: STREAMING_ENDPOINT_STATES },
    port: { type: 'integer', description: 'Absent on default, which serves on the main HTTP port' },
    scaleUnits: { type: 'integer' },
    ipAllow,
    cors,
    crossSiteAccessPolicies,
    urlSigning,
    url: { ...url, description: 'Base of playback URLs on this endpoint' },
    created: timestamp,
    lastModified: timestamp,
  },
  required: ['name', 'description', 'state', 'scaleUnits', 'url', 'created', 'lastModified'],
};

export const IngestStatus: JsonSchema = { type: 'object', description: 'Live ingest health, as reported by the runtime' };

export const Problem: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: str('URI of the problem type'),
    title: str('Summary of the problem type'),
    status: { type: 'integer' },
    detail: str('What went wrong this time'),
    code: str('Stable error code, such as ERR_CHANNEL_STATE'),
    field: str('The first invalid field'),
    invalidParams: { type: 'array', items: { type: 'object', properties: { name: str('Field path'), reason: str('Why') }, required: ['name', 'reason'] } },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

/** A `{value: [...]}` list envelope, leaving room for paging links later. */
export function listOf(item: JsonSchema): JsonSchema {
  return { type: 'object', properties: { value: { type: 'array', items: item } }, required: ['value'] };
}

export const SCHEMAS: Record<string, JsonSchema> = {
  IpRange, Endpoint, ChannelCreate, ChannelPatch, Channel, ProgramCreate, Program, Track, Asset, AssetFilterCreate, AssetFilterPatch, AssetFilter, LocatorCreate, Locator,
  StreamingEndpointCreate, StreamingEndpointPatch, StreamingEndpointScale, StreamingEndpoint, SignedUrlsRequest, SignedUrls, IngestStatus, Problem,
};
