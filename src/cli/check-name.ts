import { usageError } from './cli-error.js';

/** The API's resource name rule (CONTRACT §2), checked before any request is sent. */
export const RESOURCE_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Returns `value` if it is a valid resource name, else a usage error naming `what`. */
export function checkName(value: string, what: string): string {
  if (!RESOURCE_NAME.test(value)) {
    throw usageError(`invalid ${what} ${JSON.stringify(value)}: use 1 to 32 lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
  }
  return value;
}

/** Returns `value` if it is a UUID (a locator id), else a usage error. */
export function checkUuid(value: string, what: string): string {
  if (!UUID.test(value)) throw usageError(`invalid ${what} ${JSON.stringify(value)}: expected a UUID such as 3f2b6c1e-8d4a-4c2e-9f1b-2a7d5e9c0b11`);
  return value;
}
