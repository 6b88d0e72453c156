import { TributaryError } from '../util/errors.js';

/** Resource names appear in URLs and file paths, so they stay lowercase, short and path-safe. */
export const NAME_PATTERN = '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$';
const NAME = new RegExp(NAME_PATTERN);

export const DESCRIPTION_MAX_LENGTH = 256;

export function isName(value: unknown): value is string {
  return typeof value === 'string' && NAME.test(value);
}

/** Throws ERR_VALIDATION naming `field` unless `value` is a resource name. */
export function assertName(value: unknown, field: string): string {
  if (!isName(value)) throw invalid(field, `must match ${NAME_PATTERN}`);
  return value;
}

export function assertDescription(value: unknown, field: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > DESCRIPTION_MAX_LENGTH) throw invalid(field, `must be a string of at most ${DESCRIPTION_MAX_LENGTH} characters`);
  return value;
}

/** The one shape of a validation error the catalog raises: the field and why, machine-readable. */
export function invalid(field: string, reason: string): TributaryError {
  return new TributaryError('ERR_VALIDATION', `${field} ${reason}`, { field, reason });
}

export function notFound(resource: string, name: string): TributaryError {
  return new TributaryError('ERR_NOT_FOUND', `${resource} "${name}" does not exist`, { resource, name });
}
