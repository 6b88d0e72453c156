/** `tributary serve`'s options; printed by `tributary --help` too. */
export const SERVE_USAGE = `Usage: tributary serve [options]

Options (each also settable as TRIBUTARY_<NAME> or in --config tributary.yaml):
  --http-port <n>            HTTP port for API, origin and console (default 8080, 0 = any free port)
  --rtmp-port <n>            RTMP primary ingest port (default 1935)
  --rtmp-secondary-port <n>  RTMP secondary ingest port (default 1936)
  --host <address>           address to bind (default 0.0.0.0)
  --public-host <name>       host name written into ingest and playback URLs
  --data-dir <path>          catalog and media (default ./data)
  --api-key <key>            management API key (default: generated into <data-dir>/api-key)
  --log-level <level>        fatal|error|warn|info|debug|trace|silent (default info)
  --config <file>            YAML configuration file
`;
