import { DESCRIPTION_MAX_LENGTH, NAME_PATTERN } from '../../catalog/names.js';
import type { JsonSchema } from './json-schema.js';

/** The building blocks every API schema shares. */
export const str = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', description, ...extra });
export const name = str('Resource name', { pattern: NAME_PATTERN });
export const timestamp = str('ISO 8601 timestamp', { format: 'date-time' });
export const description = str('Free text', { maxLength: DESCRIPTION_MAX_LENGTH });
export const url = str('URL', { format: 'uri' });
