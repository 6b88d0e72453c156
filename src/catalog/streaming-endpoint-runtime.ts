import type { StreamingEndpoint } from './streaming-endpoint.js';

/**
 * The listeners behind streaming endpoints, as the control plane sees them. Like ChannelRuntime,
 * a method that rejects leaves the catalog where it was before the call. `default` has no
 * listener of its own (it is the main HTTP port), so it is never started or stopped here.
 */
export interface StreamingEndpointRuntime {
  /** Opens the endpoint's playback listener on its port; rejects with ERR_PORT_IN_USE when taken. */
  startEndpoint(endpoint: StreamingEndpoint): Promise<void>;
  /** Closes the listener; resolves once the port is free again. */
  stopEndpoint(name: string): Promise<void>;
  /** Applies a new scale unit count (one process: nothing to provision, so it may only record). */
  scaleEndpoint(endpoint: StreamingEndpoint, scaleUnits: number): Promise<void>;
}
