import type { InvalidParam } from '../problem.js';
import type { JsonSchema, JsonType } from './json-schema.js';

/**
 * Checks a value against a JsonSchema and lists every problem by field path (`input.protocol`,
 * `input.ipAllow[0].address`). Written here rather than using fastify's Ajv because fastify's
 * default Ajv options strip unknown properties silently, and the contract wants them refused.
 */
export function validateJson(schema: JsonSchema, value: unknown, path = ''): InvalidParam[] {
  const name = path || 'body';
  const problems: InvalidParam[] = [];
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(value, t))) return [{ name, reason: `must be ${types.map(article).join(' or ')}` }];
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) problems.push({ name, reason: `must be one of ${schema.enum.join(', ')}` });
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push({ name, reason: `must have at least ${schema.minLength} characters` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push({ name, reason: `must have at most ${schema.maxLength} characters` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push({ name, reason: `must match ${schema.pattern}` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push({ name, reason: `must be at least ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) problems.push({ name, reason: `must be at most ${schema.maximum}` });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push({ name, reason: `must have at most ${schema.maxItems} items` });
    if (schema.items) value.forEach((item, i) => problems.push(...validateJson(schema.items as JsonSchema, item, `${path}[${i}]`)));
  }
  if (isObject(value) && (schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')))) {
    const child = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of schema.required ?? []) if (value[key] === undefined) problems.push({ name: child(key), reason: 'is required' });
    for (const [key, v] of Object.entries(value)) {
      const sub = schema.properties?.[key];
      if (sub) problems.push(...validateJson(sub, v, child(key)));
      else if (schema.additionalProperties === false) problems.push({ name: child(key), reason: 'is not a known property' });
    }
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function article(type: JsonType): string {
  if (type === 'null') return 'null';
  return `${type === 'integer' || type === 'array' || type === 'object' ? 'an' : 'a'} ${type}`;
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
