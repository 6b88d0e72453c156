import type { JsonSchema } from './json-schema.js';

/** One request body that is valid except at `field`, where the validator must say so. */
export interface InvalidBody {
  field: string;
  why: string;
  body: unknown;
}

type Key = string | number;

/** `input.ipAllow[0].address`, the way validateJson and the catalog name fields. */
export function fieldName(keys: readonly Key[]): string {
  return keys.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k), '') || 'body';
}

function replaced(root: unknown, keys: readonly Key[], value: unknown, remove = false): unknown {
  const copy = structuredClone(root);
  if (keys.length === 0) return value;
  let node = copy as Record<Key, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<Key, unknown>;
  const last = keys[keys.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** The schema's type, or its first non-null one when it admits several (`['array', 'null']`). */
function mainType(schema: JsonSchema): string | undefined {
  return typeof schema.type === 'string' || schema.type === undefined ? schema.type : schema.type.find((t) => t !== 'null');
}

function wrongType(schema: JsonSchema): unknown[] {
  switch (mainType(schema)) {
    case 'string':
      return [12345];
    case 'integer':
      return ['12', 1.5];
    case 'number':
      return ['12'];
    case 'boolean':
      return ['yes'];
    case 'object':
      return ['text', [1]];
    case 'array':
      return ['text', { 0: 'x' }];
    default:
      return [];
  }
}

/**
 * Every single-field mistake the schema can express, each applied to a copy of `valid`: wrong
 * types, values outside enum, pattern, length or range bounds, too many items, missing required
 * fields, unknown fields, and timestamps that are not timestamps (which the catalog checks).
 * Derived from the schema that validates, so a field added later is tested without a new table.
 */
export function invalidBodies(schema: JsonSchema, valid: unknown, keys: Key[] = []): InvalidBody[] {
  const field = fieldName(keys);
  const out: InvalidBody[] = [];
  const at = (value: unknown, why: string) => out.push({ field, why, body: replaced(valid, keys, value) });
  const value = keys.reduce<unknown>((v, k) => (v as Record<Key, unknown>)[k], valid);
  for (const wrong of wrongType(schema)) {
    // A bare string body is sent as text, not JSON, and refused as such (415) before validation.
    if (keys.length === 0 && typeof wrong === 'string') continue;
    at(wrong, `${JSON.stringify(wrong)} is not a${/^[aeiou]/.test(mainType(schema) ?? '') ? 'n' : ''} ${mainType(schema)}`);
  }
  if (schema.enum) at('not-one-of-them', 'outside the enum');
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test('Not Valid!')) at('Not Valid!', 'does not match the pattern');
  if (schema.maxLength !== undefined) at('a'.repeat(schema.maxLength + 1), 'too long');
  if (schema.minLength) at('', 'too short');
  if (schema.minimum !== undefined) at(schema.minimum - 1, 'below the minimum');
  if (schema.maximum !== undefined) at(schema.maximum + 1, 'above the maximum');
  if (schema.format === 'date-time') at('next tuesday', 'not a timestamp');
  if (mainType(schema) === 'array' && Array.isArray(value) && value.length > 0) {
    if (schema.maxItems !== undefined) at(Array.from({ length: schema.maxItems + 1 }, () => value[0]), 'too many items');
    if (schema.items) out.push(...invalidBodies(schema.items, valid, [...keys, 0]));
  }
  if (mainType(schema) === 'object' && typeof value === 'object' && value !== null) {
    for (const key of schema.required ?? []) out.push({ field: fieldName([...keys, key]), why: 'missing', body: replaced(valid, [...keys, key], undefined, true) });
    if (schema.additionalProperties === false) out.push({ field: fieldName([...keys, 'unexpectedField']), why: 'unknown field', body: replaced(valid, [...keys, 'unexpectedField'], 1) });
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if ((value as Record<string, unknown>)[key] !== undefined) out.push(...invalidBodies(sub, valid, [...keys, key]));
    }
  }
  return out;
}

/** Property paths the schema knows that `valid` leaves out, which invalidBodies could not test. */
export function untestedFields(schema: JsonSchema, valid: unknown, keys: Key[] = []): string[] {
  const out: string[] = [];
  if (mainType(schema) === 'array' && schema.items) {
    if (!Array.isArray(valid) || valid.length === 0) return schema.items.properties ? [fieldName([...keys, 0])] : [];
    return untestedFields(schema.items, valid[0], [...keys, 0]);
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const v = (valid as Record<string, unknown> | undefined)?.[key];
    if (v === undefined) out.push(fieldName([...keys, key]));
    else out.push(...untestedFields(sub, v, [...keys, key]));
  }
  return out;
}
