import { randomUUID } from 'node:crypto';
import { FAR_FUTURE, UUID_PATTERN, type Locator, type NewLocator } from './locator.js';
import { FILTER_LIMITS } from './asset-filter.js';
import { assertName, invalid } from './names.js';

const UUID = new RegExp(UUID_PATTERN);
/** RFC 3339 with a zone, so a timestamp means the same instant on every server. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function timestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(field, 'must be an ISO 8601 timestamp with a time zone, such as 2030-01-01T00:00:00Z');
  }
  return new Date(value).toISOString();
}

/** Validates a create request and fills its defaults (random id, from now, never expiring). */
export function buildLocator(input: NewLocator, now: string): Locator {
  const assetName = assertName(input?.assetName, 'assetName');
  if (input.id !== undefined && (typeof input.id !== 'string' || !UUID.test(input.id))) throw invalid('id', 'must be a UUID');
  const startTime = input.startTime === undefined ? now : timestamp(input.startTime, 'startTime');
  const expiryTime = input.expiryTime === undefined ? FAR_FUTURE : timestamp(input.expiryTime, 'expiryTime');
  if (Date.parse(expiryTime) <= Date.parse(startTime)) throw invalid('expiryTime', 'must be later than startTime');
  const filters = input.filters ?? [];
  if (!Array.isArray(filters) || filters.length > FILTER_LIMITS.locatorFilters) throw invalid('filters', `must be an array of at most ${FILTER_LIMITS.locatorFilters} asset filter names`);
  filters.forEach((f, i) => assertName(f, `filters[${i}]`));
  // Ids are compared as stored, so they are kept in one case.
  return { id: (input.id ?? randomUUID()).toLowerCase(), assetName, startTime, expiryTime, filters: [...new Set(filters)], created: now };
}
