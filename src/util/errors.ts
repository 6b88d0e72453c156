/**
 * The one catalog of error codes. Every error a user can see carries one of these stable codes;
 * `src/http/problem.ts` maps them to HTTP status codes in one place.
 */
export const ERROR_CODES = {
  ERR_VALIDATION: 'A request body or parameter is invalid',
  ERR_NOT_FOUND: 'The resource does not exist',
  ERR_ALREADY_EXISTS: 'A resource with that name already exists',
  ERR_CHANNEL_STATE: 'The channel is not in a state that allows this',
  ERR_PROGRAM_STATE: 'The program is not in a state that allows this',
  ERR_ASSET_STATE: 'The asset is not in a state that allows this',
  ERR_STREAMING_ENDPOINT_STATE: 'The streaming endpoint is not in a state that allows this',
  ERR_API_KEY_CONFIGURED: 'The API key comes from the configuration and cannot be rotated through the API',
  ERR_FILTER_IN_USE: 'A locator applies the filter; delete the locator first',
  ERR_DEFAULT_ENDPOINT: 'The default streaming endpoint cannot be stopped or deleted',
  ERR_PORT_IN_USE: 'The port is in use (by the server, another endpoint or another program) or may not be opened',
  ERR_LIMIT: 'A limit would be exceeded',
  ERR_RATE_LIMITED: 'Too many API requests from this address',
  ERR_UNAUTHORIZED: 'No API key was given',
  ERR_FORBIDDEN: 'The API key is wrong',
  ERR_URL_SIGNATURE: 'The playback URL is not signed, or its signature is wrong or expired',
  ERR_URL_SIGNING_OFF: 'The streaming endpoint has no URL signing keys',
  ERR_IP_DENIED: "The client's address is not in the endpoint's ipAllow list",
  ERR_CONFIG: 'The configuration is invalid',
  ERR_RTMP_HANDSHAKE: 'The RTMP handshake failed',
  ERR_RTMP_PROTOCOL: 'The RTMP peer broke the protocol',
  ERR_RTMP_LIMIT: 'The RTMP peer exceeded a limit',
  ERR_MEDIA: 'The media could not be parsed',
  ERR_INGEST_LIMIT: 'An ingest stream exceeded a limit (a box, a fragment or the time between bytes)',
  ERR_STORE: 'Reading or writing media failed',
  ERR_INTERNAL: 'An unexpected error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class TributaryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable detail, such as the invalid field. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TributaryError';
  }
}
