#!/usr/bin/env node
import { pino } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startServer } from '../server.js';
import { TributaryError } from '../util/errors.js';

const USAGE = `Usage: tributary serve [options]

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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`tributary: unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  let config;
  try {
    config = loadConfig({ argv: rest, env: process.env });
  } catch (err) {
    if (err instanceof TributaryError) {
      process.stderr.write(`tributary: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'tributary' } });
  const server = await startServer({ config, logger });
  const lines = [
    `Tributary is running.`,
    `  API:            ${server.urls.api}   (Authorization: Bearer <api key>)`,
    `  Console:        ${server.urls.console}`,
    `  RTMP primary:   ${server.urls.rtmpPrimary}/live/{accessToken}/{streamName}`,
    `  RTMP secondary: ${server.urls.rtmpSecondary}/live/{accessToken}/{streamName}`,
    `  Data:           ${config.dataDir}`,
    server.apiKey.generated
      ? `  API key:        ${server.apiKey.value}  (generated now and stored in ${server.apiKey.path}; shown only this once)`
      : `  API key:        ${server.apiKey.path ? `in ${server.apiKey.path}` : 'from the configuration'}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        logger.error('shutdown took longer than 10 s; exiting');
        process.exit(1);
      }, 10_000);
      force.unref();
      server.close().then(resolve, (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tributary: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
