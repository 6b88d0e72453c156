import { UUID_PATTERN } from '../../catalog/locator.js';
import { NAME_PATTERN } from '../../catalog/names.js';
import type { JsonSchema } from './json-schema.js';

export interface PathParameter {
  name: string;
  /** The collection the parameter names an item of: `channels` for both `/channels/:name` and `/channels/:channel/programs`. */
  collection: string;
  schema: JsonSchema;
}

/**
 * The path parameters of a route URL in order, with what they may hold. Derived from the URL so
 * that a route added later is described without anyone remembering to: locators are named by
 * UUID, everything else by a resource name.
 */
export function pathParameters(url: string): PathParameter[] {
  const segments = url.split('/').filter(Boolean);
  const found: PathParameter[] = [];
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const collection = segments[i - 1] ?? '';
    const name = segment.slice(1);
    const item = collection.replace(/-/g, ' ').replace(/s$/, '');
    const schema: JsonSchema =
      name === 'id' ? { type: 'string', pattern: UUID_PATTERN, description: `The ${item}'s UUID` } : { type: 'string', pattern: NAME_PATTERN, description: `The ${item}'s name` };
    found.push({ name, collection, schema });
  });
  return found;
}

/** `/channels/:name` → `/channels/{name}`, the OpenAPI spelling. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}
