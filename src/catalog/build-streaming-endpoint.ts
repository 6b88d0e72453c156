import { parseIpAllow } from './ip-range.js';
import { assertDescription, assertName, invalid } from './names.js';
import {
  ALLOW_ORIGINS_MAX,
  DEFAULT_ENDPOINT_NAME,
  ORIGIN_PATTERN,
  POLICY_MAX_LENGTH,
  PORT_RANGE,
  SCALE_UNITS,
  SIGNING_KEY_BYTES,
  SIGNING_KEY_ID_PATTERN,
  SIGNING_KEYS_MAX,
  type CrossSiteAccessPolicies,
  type UrlSigning,
  type NewStreamingEndpoint,
  type StreamingEndpoint,
  type StreamingEndpointPatch,
} from './streaming-endpoint.js';

const ORIGIN = new RegExp(ORIGIN_PATTERN);
const SIGNING_KEY_ID = new RegExp(SIGNING_KEY_ID_PATTERN);

/**
 * Validates a create request and fills its defaults. Like buildChannel it repeats the API's
 * shape checks so that every caller of the catalog gets the same rules. Whether the port is
 * free is the catalog's (other endpoints) and the API's (the server's own ports) business.
 */
export function buildStreamingEndpoint(input: NewStreamingEndpoint, now: string): StreamingEndpoint {
  const name = assertName(input?.name, 'name');
  // `default` always exists; creating it again is a name conflict the catalog reports.
  if (name !== DEFAULT_ENDPOINT_NAME && input.port === undefined) throw invalid('port', 'is required: an endpoint other than default serves on its own port');
  const endpoint: StreamingEndpoint = {
    name,
    description: assertDescription(input.description, 'description'),
    state: 'Stopped',
    scaleUnits: input.scaleUnits === undefined ? SCALE_UNITS.min : assertScaleUnits(input.scaleUnits, 'scaleUnits'),
    created: now,
    lastModified: now,
  };
  if (input.port !== undefined) endpoint.port = assertPort(input.port, 'port');
  return withPolicies(endpoint, input);
}

/** The endpoint after a PATCH; state rules (port only while Stopped) are the catalog's. */
export function patchStreamingEndpoint(current: StreamingEndpoint, patch: StreamingEndpointPatch, now: string): StreamingEndpoint {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw invalid('body', 'must be an object');
  const next: StreamingEndpoint = { ...current, lastModified: now };
  if (patch.description !== undefined) next.description = assertDescription(patch.description, 'description');
  if (patch.scaleUnits !== undefined) next.scaleUnits = assertScaleUnits(patch.scaleUnits, 'scaleUnits');
  if (patch.port !== undefined) {
    if (current.name === DEFAULT_ENDPOINT_NAME) throw invalid('port', 'cannot be set on default: it serves on the main HTTP port');
    next.port = assertPort(patch.port, 'port');
  }
  if (patch.ipAllow === null) delete next.ipAllow;
  if (patch.cors === null) delete next.cors;
  if (patch.crossSiteAccessPolicies === null) delete next.crossSiteAccessPolicies;
  if (patch.urlSigning === null) delete next.urlSigning;
  return withPolicies(next, {
    ipAllow: patch.ipAllow ?? undefined,
    cors: patch.cors ?? undefined,
    crossSiteAccessPolicies: patch.crossSiteAccessPolicies ?? undefined,
    urlSigning: patch.urlSigning ?? undefined,
  });
}

export function assertScaleUnits(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < SCALE_UNITS.min || (value as number) > SCALE_UNITS.max) {
    throw invalid(field, `must be an integer from ${SCALE_UNITS.min} to ${SCALE_UNITS.max}`);
  }
  return value as number;
}

function assertPort(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < PORT_RANGE.min || (value as number) > PORT_RANGE.max) {
    throw invalid(field, `must be an integer from ${PORT_RANGE.min} to ${PORT_RANGE.max}`);
  }
  return value as number;
}

/** Sets the members given in `from` (undefined leaves them alone) after validating them. */
function withPolicies(endpoint: StreamingEndpoint, from: Pick<NewStreamingEndpoint, 'ipAllow' | 'cors' | 'crossSiteAccessPolicies' | 'urlSigning'>): StreamingEndpoint {
  const ipAllow = parseIpAllow(from.ipAllow, 'ipAllow');
  if (ipAllow) endpoint.ipAllow = ipAllow;
  if (from.cors !== undefined) endpoint.cors = { allowOrigins: parseOrigins(from.cors) };
  if (from.crossSiteAccessPolicies !== undefined) endpoint.crossSiteAccessPolicies = parsePolicies(from.crossSiteAccessPolicies);
  if (from.urlSigning !== undefined) endpoint.urlSigning = parseUrlSigning(from.urlSigning);
  return endpoint;
}

function parseUrlSigning(value: unknown): UrlSigning {
  const keys = typeof value === 'object' && value !== null ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > SIGNING_KEYS_MAX) throw invalid('urlSigning.keys', `must list 1 to ${SIGNING_KEYS_MAX} keys {id, base64Key}`);
  const ids = new Set<string>();
  return {
    keys: keys.map((k: unknown, i) => {
      const { id, base64Key } = (typeof k === 'object' && k !== null ? k : {}) as Record<string, unknown>;
      if (typeof id !== 'string' || !SIGNING_KEY_ID.test(id)) throw invalid(`urlSigning.keys[${i}].id`, `must match ${SIGNING_KEY_ID_PATTERN}`);
      if (ids.has(id)) throw invalid(`urlSigning.keys[${i}].id`, `repeats the id "${id}"`);
      ids.add(id);
      const bytes = typeof base64Key === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(base64Key) ? Buffer.from(base64Key, 'base64').length : 0;
      if (bytes < SIGNING_KEY_BYTES.min || bytes > SIGNING_KEY_BYTES.max) {
        throw invalid(`urlSigning.keys[${i}].base64Key`, `must be ${SIGNING_KEY_BYTES.min} to ${SIGNING_KEY_BYTES.max} random bytes in base64 (openssl rand -base64 32)`);
      }
      return { id, base64Key: base64Key as string };
    }),
  };
}

function parseOrigins(cors: unknown): string[] {
  if (typeof cors !== 'object' || cors === null) throw invalid('cors', 'must be an object {allowOrigins}');
  const origins = (cors as { allowOrigins?: unknown }).allowOrigins;
  if (!Array.isArray(origins) || origins.length > ALLOW_ORIGINS_MAX) throw invalid('cors.allowOrigins', `must be a list of at most ${ALLOW_ORIGINS_MAX} origins`);
  origins.forEach((o, i) => {
    if (typeof o !== 'string' || !ORIGIN.test(o)) throw invalid(`cors.allowOrigins[${i}]`, 'must be * or an origin such as https://player.example.com');
  });
  return origins as string[];
}

function parsePolicies(value: unknown): CrossSiteAccessPolicies {
  if (typeof value !== 'object' || value === null) throw invalid('crossSiteAccessPolicies', 'must be an object {clientAccessPolicy?, crossDomainPolicy?}');
  const out: CrossSiteAccessPolicies = {};
  for (const key of ['clientAccessPolicy', 'crossDomainPolicy'] as const) {
    const text = (value as Record<string, unknown>)[key];
    if (text === undefined) continue;
    if (typeof text !== 'string' || text.length > POLICY_MAX_LENGTH || !text.trimStart().startsWith('<')) {
      throw invalid(`crossSiteAccessPolicies.${key}`, `must be an XML document of at most ${POLICY_MAX_LENGTH} characters`);
    }
    out[key] = text;
  }
  return out;
}
