import { parseIsoDuration } from './iso-duration.js';
import { assertDescription, assertName, invalid } from './names.js';
import { ARCHIVE_WINDOW, type NewProgram, type Program } from './program.js';

/** Validates a create request for a program of `channel` and fills its defaults. */
export function buildProgram(channel: string, input: NewProgram, now: string): Program {
  const name = assertName(input?.name, 'name');
  const window = input.archiveWindow;
  const ms = typeof window === 'string' ? parseIsoDuration(window) : undefined;
  if (ms === undefined || ms < ARCHIVE_WINDOW.minMs || ms > ARCHIVE_WINDOW.maxMs) {
    throw invalid('archiveWindow', `must be an ISO 8601 duration from ${ARCHIVE_WINDOW.min} to ${ARCHIVE_WINDOW.max}`);
  }
  return {
    channel,
    name,
    description: assertDescription(input.description, 'description'),
    assetName: input.assetName === undefined ? name : assertName(input.assetName, 'assetName'),
    archiveWindow: window,
    archiveWindowMs: ms,
    manifestName: input.manifestName === undefined ? channel : assertName(input.manifestName, 'manifestName'),
    state: 'Stopped',
    created: now,
    lastModified: now,
  };
}
