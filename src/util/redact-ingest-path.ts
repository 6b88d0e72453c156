/**
 * An ingest URL's path with its secret part masked, for logs: `live/3f2b…` → `live/***`, and the
 * same inside a tcUrl. Tokens never reach a log line.
 */
export function redactIngestPath(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/(^|\/)live\/[^/?#\s]+/g, '$1live/***') : text;
}
