import { ERROR_CODES, type ErrorCode } from '../../util/errors.js';
import { statusForCode } from '../problem.js';
import type { ApiRoute } from './api-route.js';
import type { JsonSchema } from './json-schema.js';
import { openApiPath, pathParameters } from './path-parameters.js';
import { Problem, SCHEMAS } from './schemas.js';

const REASONS: Record<number, string> = {
  400: 'Invalid input; the problem names the field',
  401: 'No API key',
  403: 'Wrong API key',
  404: 'No such resource',
  409: 'Conflicts with the current state, a name in use or a limit',
  500: 'Unexpected error',
};

/** The codes a status can carry, from the one code → status mapping; a 500 never says more than ERR_INTERNAL. */
function codesFor(status: number): ErrorCode[] {
  if (status >= 500) return ['ERR_INTERNAL'];
  return (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => statusForCode(code) === status);
}

/** The problem statuses an operation documents: auth and validation ones come from its shape. */
export function problemStatuses(route: ApiRoute): number[] {
  if (route.public) return [];
  // 400 only where there is a body to be invalid: path parameters that match nothing are a 404.
  return [...new Set([...(route.body ? [400] : []), 401, 403, ...(route.problems ?? []), 500])].sort((a, b) => a - b);
}

/** Replaces every schema that has a component name with a $ref to it, except at the top. */
function withRefs(schema: JsonSchema, names: Map<JsonSchema, string>, top = true): unknown {
  if (!top && names.has(schema)) return { $ref: `#/components/schemas/${names.get(schema)}` };
  const out: Record<string, unknown> = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, withRefs(v, names, false)]));
  if (schema.items) out.items = withRefs(schema.items, names, false);
  return out;
}

/**
 * Groups operations by resource for readers: the last path segment that names a collection
 * (one followed by a parameter somewhere, or a first segment), so that `/channels/:name/start`
 * is a channel operation and `/channels/:channel/programs` a program one.
 */
function tagger(routes: readonly ApiRoute[]): (route: ApiRoute) => string {
  const collections = new Set<string>();
  for (const route of routes) {
    const segments = route.url.split('/').filter(Boolean);
    if (segments[0]) collections.add(segments[0]);
    for (let i = 0; i + 1 < segments.length; i++) if (segments[i + 1].startsWith(':')) collections.add(segments[i]);
  }
  return (route) => {
    if (route.public) return 'API description';
    const literal = route.url.split('/').filter((s) => s && !s.startsWith(':') && collections.has(s));
    const resource = literal[literal.length - 1] ?? 'other';
    return resource.charAt(0).toUpperCase() + resource.slice(1).replace(/-/g, ' ');
  };
}

function operation(route: ApiRoute, names: Map<JsonSchema, string>, tag: string) {
  const ref = (s: JsonSchema) => withRefs(s, names, !names.has(s));
  const { status, schema, contentType = 'application/json' } = route.success;
  const description = status === 201 ? 'Created' : status === 204 ? 'Done, no content' : 'Success';
  const responses: Record<string, unknown> = {
    [status]: schema ? { description, content: { [contentType]: { schema: ref(schema) } } } : { description },
  };
  for (const problem of problemStatuses(route)) {
    const codes = codesFor(problem);
    responses[problem] = {
      description: `${REASONS[problem] ?? 'Error'} (${codes.join(', ')})`,
      content: { 'application/problem+json': { schema: ref(Problem) } },
      'x-error-codes': codes,
    };
  }
  const parameters = pathParameters(route.url).map((p) => ({ name: p.name, in: 'path', required: true, description: p.schema.description, schema: { type: 'string', pattern: p.schema.pattern } }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [tag],
    // Explicit on every operation, so that a reader of one operation sees whether it needs the key.
    security: route.public ? [] : [{ bearerAuth: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
    responses,
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

/** The OpenAPI 3.1 document for exactly the routes that registerApi mounts. */
export function buildOpenApi(routes: readonly ApiRoute[], serverUrl = '/api/v1') {
  const names = new Map(Object.entries(SCHEMAS).map(([name, schema]) => [schema, name]));
  const tagOf = tagger(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  const tags: string[] = [];
  for (const route of routes) {
    const tag = tagOf(route);
    if (!tags.includes(tag)) tags.push(tag);
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, names, tag) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tributary management API',
      version: '1.0.0',
      description: 'Channels, programs, assets, locators and streaming endpoints of a Tributary live origin. Send the API key as `Authorization: Bearer <key>`; errors are RFC 9457 problem details with a stable `code`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The API key: TRIBUTARY_API_KEY, the config file, or <data-dir>/api-key' } },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, withRefs(schema, names)])),
    },
  };
}
