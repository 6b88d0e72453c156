import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (an ingest token, an API key) in constant time: both are digested first,
 * so neither their content nor their lengths change how long the comparison takes.
 */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

