import type { ApiRoute } from './api-route.js';
import type { JsonSchema } from './json-schema.js';
import { Problem, SCHEMAS } from './schemas.js';

const REASONS: Record<number, string> = {
  400: 'Invalid input; the problem names the field',
  401: 'No API key',
  403: 'Wrong API key',
  404: 'No such resource',
  409: 'Conflicts with the current state, a name in use or a limit',
  500: 'Unexpected error',
};

/** Replaces every schema that has a component name with a $ref to it, except at the top. */
function withRefs(schema: JsonSchema, names: Map<JsonSchema, string>, top = true): unknown {
  if (!top && names.has(schema)) return { $ref: `#/components/schemas/${names.get(schema)}` };
  const out: Record<string, unknown> = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, withRefs(v, names, false)]));
  if (schema.items) out.items = withRefs(schema.items, names, false);
  return out;
}

function operation(route: ApiRoute, names: Map<JsonSchema, string>) {
  const ref = (s: JsonSchema) => withRefs(s, names, !names.has(s));
  const problem = { 'application/problem+json': { schema: ref(Problem) } };
  const responses: Record<string, unknown> = {
    [route.success.status]: route.success.schema ? { description: 'Success', content: { 'application/json': { schema: ref(route.success.schema) } } } : { description: 'Success, no content' },
  };
  const statuses = route.public ? [500] : [...new Set([400, 401, 403, ...(route.problems ?? []), 500])].sort();
  for (const status of statuses) responses[status] = { description: REASONS[status] ?? 'Error', content: problem };
  const parameters = [...route.url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document for exactly the routes that registerApi mounts. */
export function buildOpenApi(routes: readonly ApiRoute[], serverUrl = '/api/v1') {
  const names = new Map(Object.entries(SCHEMAS).map(([name, schema]) => [schema, name]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, names) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tributary management API', version: '1.0.0', description: 'Channels, programs, assets, locators and streaming endpoints of a Tributary live origin.' },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, withRefs(schema, names)])),
    },
  };
}
