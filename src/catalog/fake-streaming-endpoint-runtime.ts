import type { StreamingEndpoint } from './streaming-endpoint.js';
import type { StreamingEndpointRuntime } from './streaming-endpoint-runtime.js';

/**
 * A StreamingEndpointRuntime for tests: records each call, fails the calls named in `failing`
 * (`startEndpoint` or `startEndpoint:name`), and while `hold()` is in force makes every call
 * wait, so a test can observe the transient states.
 */
export class FakeStreamingEndpointRuntime implements StreamingEndpointRuntime {
  readonly calls: string[] = [];
  readonly failing = new Set<string>();
  #gate: Promise<void> | undefined;

  hold(): () => void {
    let release!: () => void;
    this.#gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.#gate = undefined;
      release();
    };
  }

  async #call(method: string, subject: string, extra = ''): Promise<void> {
    this.calls.push(`${method} ${subject}${extra}`);
    if (this.#gate) await this.#gate;
    if (this.failing.has(method) || this.failing.has(`${method}:${subject}`)) throw new Error(`fake ${method} failure for ${subject}`);
  }

  startEndpoint(endpoint: StreamingEndpoint): Promise<void> {
    return this.#call('startEndpoint', endpoint.name);
  }

  stopEndpoint(name: string): Promise<void> {
    return this.#call('stopEndpoint', name);
  }

  scaleEndpoint(endpoint: StreamingEndpoint, scaleUnits: number): Promise<void> {
    return this.#call('scaleEndpoint', endpoint.name, ` ${scaleUnits}`);
  }
}
