import type { OptionSpec } from './parse-args.js';

/** Options every resource command accepts, before or after its arguments. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'server', value: 'URL', help: 'the Tributary server (env TRIBUTARY_SERVER, default http://localhost:8080)' },
  { name: 'api-key', value: 'KEY', help: 'the API key (env TRIBUTARY_API_KEY, else <data-dir>/api-key)' },
  { name: 'data-dir', value: 'DIR', help: 'where to find the api-key file (env TRIBUTARY_DATA_DIR, default ./data)' },
  { name: 'json', help: "print the API's JSON as it is, for scripts" },
  { name: 'help', help: 'show this help' },
];
