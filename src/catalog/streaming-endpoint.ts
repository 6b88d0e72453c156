import type { IpRange, IpRangeInput } from './ip-range.js';

/**
 * Azure's resourceState without Deleting: the catalog deletes in one transaction, so a
 * Deleting endpoint would never be seen.
 */
export const STREAMING_ENDPOINT_STATES = ['Stopped', 'Starting', 'Running', 'Stopping', 'Scaling'] as const;
export type StreamingEndpointState = (typeof STREAMING_ENDPOINT_STATES)[number];

/** Always exists, always Running, on the main HTTP port (CONTRACT §2). */
export const DEFAULT_ENDPOINT_NAME = 'default';

/** Azure's default ceiling for premium units; recorded and shown, one process serves them all. */
export const SCALE_UNITS = { min: 0, max: 10 } as const;

export const PORT_RANGE = { min: 1, max: 65_535 } as const;

/** Browsers' CORS origins: `*` or a scheme://host[:port] origin, nothing after it. */
export const ORIGIN_PATTERN = '^(\\*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)$';
export const ALLOW_ORIGINS_MAX = 32;
/** The two policy files are small XML documents; bound them so a row stays small. */
export const POLICY_MAX_LENGTH = 8192;

/** One HMAC key of a streaming endpoint; several allow rotating without breaking issued URLs. */
export interface SigningKey {
  /** Named in every token, so the origin knows which key to check it with. */
  id: string;
  /** 32 to 64 random bytes, base64. */
  base64Key: string;
}

/** Signed playback URLs (http/origin/url-signature.ts): with keys, the endpoint serves signed URLs only. */
export interface UrlSigning {
  keys: SigningKey[];
}

export const SIGNING_KEYS_MAX = 4;
export const SIGNING_KEY_ID_PATTERN = '^[A-Za-z0-9_-]{1,32}$';
/** HMAC-SHA256 keys shorter than the hash add no strength; longer than a block add nothing either. */
export const SIGNING_KEY_BYTES = { min: 32, max: 64 } as const;

export interface CrossSiteAccessPolicies {
  /** Served as /clientaccesspolicy.xml (Silverlight). */
  clientAccessPolicy?: string;
  /** Served as /crossdomain.xml (Flash). */
  crossDomainPolicy?: string;
}

export interface StreamingEndpoint {
  name: string;
  description: string;
  state: StreamingEndpointState;
  /** Absent for `default`, which serves on whatever the main HTTP port is. */
  port?: number;
  scaleUnits: number;
  ipAllow?: IpRange[];
  cors?: { allowOrigins: string[] };
  crossSiteAccessPolicies?: CrossSiteAccessPolicies;
  urlSigning?: UrlSigning;
  created: string;
  lastModified: string;
}

export interface NewStreamingEndpoint {
  name: string;
  description?: string;
  port?: number;
  scaleUnits?: number;
  ipAllow?: IpRangeInput[];
  cors?: { allowOrigins: string[] };
  crossSiteAccessPolicies?: CrossSiteAccessPolicies;
  urlSigning?: UrlSigning;
}

/** A PATCH body: absent leaves a member as it is, null clears an optional one. */
export interface StreamingEndpointPatch {
  description?: string;
  port?: number;
  scaleUnits?: number;
  ipAllow?: IpRangeInput[] | null;
  cors?: { allowOrigins: string[] } | null;
  crossSiteAccessPolicies?: CrossSiteAccessPolicies | null;
  urlSigning?: UrlSigning | null;
}
