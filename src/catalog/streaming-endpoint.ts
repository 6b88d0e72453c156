/** Streaming endpoints are not stored yet: only the implicit `default` exists, always Running. */
export interface StreamingEndpoint {
  name: string;
  state: 'Running' | 'Stopped';
}

export const DEFAULT_STREAMING_ENDPOINT: StreamingEndpoint = Object.freeze({ name: 'default', state: 'Running' });
