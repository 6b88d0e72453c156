import { pino } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startServer } from '../server.js';
import { TributaryError } from '../util/errors.js';

/** `tributary serve`: starts the all-in-one node and runs until SIGINT/SIGTERM. */
export async function runServe(rest: string[]): Promise<number> {
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
  let server;
  try {
    server = await startServer({ config, logger });
  } catch (err) {
    // A configuration the server can only check by using it (TLS files): a message, not a stack.
    if (err instanceof TributaryError && err.code === 'ERR_CONFIG') {
      process.stderr.write(`tributary: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const lines = [
    `Tributary is running.`,
    `  API:            ${server.urls.api}   (Authorization: Bearer <api key>)`,
    `  RTMP primary:   ${server.urls.rtmpPrimary}/live/{accessToken}/{streamName}`,
    `  RTMP secondary: ${server.urls.rtmpSecondary}/live/{accessToken}/{streamName}`,
    ...(server.urls.rtmpsPrimary ? [`  RTMPS primary:  ${server.urls.rtmpsPrimary}/live/{accessToken}/{streamName}`, `  RTMPS secondary: ${server.urls.rtmpsSecondary}/live/{accessToken}/{streamName}`] : []),
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
