import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { TributaryError } from '../util/errors.js';
import type { Config } from './config.js';

/** A PEM certificate chain and its private key, read once at start-up. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads the configured certificate and key and checks that they make a TLS context (the key
 * matches the certificate), so a bad pair stops start-up with a message naming the files
 * instead of failing every handshake later.
 */
export function readTlsFiles(tls: NonNullable<Config['tls']>): TlsFiles {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new TributaryError('ERR_CONFIG', `the TLS ${what} ${path} cannot be read: ${(err as Error).message}`, { key: what, value: path });
    }
  };
  const files = { cert: read(tls.certFile, 'certificate'), key: read(tls.keyFile, 'key') };
  try {
    createSecureContext(files);
  } catch (err) {
    throw new TributaryError('ERR_CONFIG', `the TLS certificate ${tls.certFile} and key ${tls.keyFile} do not make a TLS context: ${(err as Error).message}`, { key: 'tls' });
  }
  return files;
}
