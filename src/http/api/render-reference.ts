/**
 * The API reference page: one self-contained HTML document rendered from the OpenAPI document,
 * so the page describes exactly what the server validates and nothing can go stale. No scripts
 * and no external assets: it must work offline, behind any proxy and under a strict CSP.
 */

interface Schema {
  $ref?: string;
  type?: string | readonly string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: readonly string[];
  items?: Schema;
  enum?: readonly unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
  examples?: readonly unknown[];
}

interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }>; 'x-error-codes'?: string[] }>;
}

export interface ReferenceDocument {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 2rem;color:#1d232a}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2.5rem}
section.op{border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1rem .8rem;margin:1rem 0}
code{font:13px ui-monospace,monospace;background:#f3f5f7;padding:0 .25rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}.m{display:inline-block;min-width:4.2rem;font-weight:700;color:#fff;border-radius:3px;padding:0 .4rem;text-align:center}
.GET{background:#1f6feb}.POST{background:#1a7f37}.PATCH{background:#9a6700}.PUT{background:#9a6700}.DELETE{background:#cf222e}
.auth{color:#57606a;font-size:13px}nav ul{columns:2}`;

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

function resolve(schema: Schema | undefined, schemas: Record<string, Schema>): Schema {
  return schema?.$ref ? (schemas[refName(schema.$ref)] ?? {}) : (schema ?? {});
}

function typeText(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.type === 'array') return `array of ${typeText(schema.items) || 'any'}`;
  // A list of types (`['array', 'null']` in PATCH bodies) reads as alternatives.
  return (Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type as string | undefined)) ?? 'any';
}

function typeHtml(schema: Schema | undefined): string {
  if (schema?.$ref) return `<a href="#schema-${escapeHtml(refName(schema.$ref))}">${escapeHtml(refName(schema.$ref))}</a>`;
  if (schema?.type === 'array' && schema.items?.$ref) return `array of ${typeHtml(schema.items)}`;
  return escapeHtml(typeText(schema));
}

function constraints(schema: Schema): string {
  const out: string[] = [];
  if (schema.enum) out.push(`one of ${schema.enum.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')}`);
  if (schema.pattern) out.push(`matches <code>${escapeHtml(schema.pattern)}</code>`);
  if (schema.format) out.push(`format ${escapeHtml(schema.format)}`);
  if (schema.minimum !== undefined) out.push(`≥ ${escapeHtml(schema.minimum)}`);
  if (schema.maximum !== undefined) out.push(`≤ ${escapeHtml(schema.maximum)}`);
  if (schema.minLength !== undefined) out.push(`at least ${escapeHtml(schema.minLength)} characters`);
  if (schema.maxLength !== undefined) out.push(`at most ${escapeHtml(schema.maxLength)} characters`);
  if (schema.maxItems !== undefined) out.push(`at most ${escapeHtml(schema.maxItems)} items`);
  if (schema.default !== undefined) out.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  if (schema.examples?.length) out.push(`e.g. <code>${escapeHtml(JSON.stringify(schema.examples[0]))}</code>`);
  return out.join('; ');
}

interface Field {
  path: string;
  schema: Schema;
  required: boolean;
}

/**
 * Every field of an object schema, nested ones as `input.protocol` and array items as
 * `ipAllow[].address`; a named component inside is listed once and linked rather than expanded
 * again, which also stops recursion.
 */
function fields(schema: Schema, schemas: Record<string, Schema>, prefix = '', seen = new Set<string>()): Field[] {
  const object = resolve(schema, schemas);
  const out: Field[] = [];
  for (const [key, raw] of Object.entries(object.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const required = (object.required ?? []).includes(key);
    out.push({ path, schema: raw, required });
    const item = raw.type === 'array' ? raw.items : undefined;
    const nested = item ?? raw;
    const name = nested.$ref ? refName(nested.$ref) : undefined;
    if (name && seen.has(name)) continue;
    const next = name ? new Set([...seen, name]) : seen;
    if (resolve(nested, schemas).properties) out.push(...fields(nested, schemas, item ? `${path}[]` : path, next));
  }
  return out;
}

function fieldTable(schema: Schema, schemas: Record<string, Schema>): string {
  const rows = fields(schema, schemas);
  if (rows.length === 0) return `<p>${typeHtml(schema)}${resolve(schema, schemas).description ? ` — ${escapeHtml(resolve(schema, schemas).description)}` : ''}</p>`;
  const body = rows
    .map(({ path, schema: s, required }) => {
      const own = resolve(s, schemas);
      return `<tr><td><code>${escapeHtml(path)}</code></td><td>${typeHtml(s)}</td><td>${required ? 'yes' : ''}</td><td>${constraints(s.$ref ? {} : s)}</td><td>${escapeHtml(s.description ?? own.description ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<table><tr><th>field</th><th>type</th><th>required</th><th>constraints</th><th>description</th></tr>\n${body}</table>`;
}

function operationHtml(method: string, path: string, op: Operation, base: string, schemas: Record<string, Schema>): string {
  const parts = [
    `<section class="op" id="${escapeHtml(op.operationId)}">`,
    `<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(base + path)}</code></h3>`,
    `<p>${escapeHtml(op.summary ?? '')}</p>`,
    `<p class="auth">operationId <code>${escapeHtml(op.operationId)}</code> · ${op.security?.length === 0 ? 'public, no API key' : 'needs the API key'}</p>`,
  ];
  if (op.parameters?.length) {
    const rows = op.parameters.map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${typeHtml(p.schema)}</td><td>${p.required ? 'yes' : ''}</td><td>${constraints(p.schema ?? {})}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`);
    parts.push('<h4>Parameters</h4>', `<table><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>constraints</th><th>description</th></tr>\n${rows.join('\n')}</table>`);
  }
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) parts.push(`<h4>Request body (application/json)</h4>`, fieldTable(body, schemas));
  const responses = Object.entries(op.responses).map(([status, r]) => {
    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
    const codes = (r['x-error-codes'] ?? []).map((c) => `<code>${escapeHtml(c)}</code>`).join(' ');
    return `<tr><td>${escapeHtml(status)}</td><td>${escapeHtml(r.description ?? '')}</td><td>${type ? `${escapeHtml(type)}: ${typeHtml(media?.schema)}` : ''}</td><td>${codes}</td></tr>`;
  });
  parts.push('<h4>Responses</h4>', `<table><tr><th>status</th><th>meaning</th><th>body</th><th>error codes</th></tr>\n${responses.join('\n')}</table>`, '</section>');
  return parts.join('\n');
}

/** The HTML page for an OpenAPI document (as buildOpenApi makes it). */
export function renderReference(doc: ReferenceDocument): string {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const base = doc.servers?.[0]?.url ?? '';
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
    }
  }
  const slug = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const toc = [...byTag]
    .map(([tag, ops]) => `<li><a href="#${escapeHtml(slug(tag))}">${escapeHtml(tag)}</a><ul>${ops.map(({ method, path, op }) => `<li><a href="#${escapeHtml(op.operationId)}">${escapeHtml(method)} ${escapeHtml(path)}</a> — ${escapeHtml(op.summary ?? '')}</li>`).join('')}</ul></li>`)
    .join('\n');
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="${escapeHtml(slug(tag))}">${escapeHtml(tag)}</h2>\n${ops.map(({ method, path, op }) => operationHtml(method, path, op, base, schemas)).join('\n')}`);
  const schemaSections = Object.entries(schemas).map(([name, schema]) => `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schema.description ? `<p>${escapeHtml(schema.description)}</p>` : ''}${fieldTable(schema, schemas)}</section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — reference</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>Version ${escapeHtml(doc.info.version)} · base URL <code>${escapeHtml(base)}</code> · <a href="openapi.json">OpenAPI document</a></p>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<nav><h2>Contents</h2><ul>
${toc}
<li><a href="#schemas">Schemas</a></li></ul></nav>
${sections.join('\n')}
<h2 id="schemas">Schemas</h2>
${schemaSections.join('\n')}
</body></html>
`;
}
