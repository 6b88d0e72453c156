import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOpenApi } from './openapi.js';
import { apiRoutes } from './register-api.js';
import { escapeHtml, renderReference } from './render-reference.js';
import { buildTestApi } from './test-api.js';

test('GET /api/v1/reference is one public, self-contained HTML page', async () => {
  const { app } = await buildTestApi();
  const res = await app.inject({ method: 'GET', url: '/api/v1/reference' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
  const html = res.body;
  assert.match(html, /^<!doctype html>/);
  assert.ok(!/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i.test(html), 'no scripts and no external assets');
  assert.ok(!/href="(https?:)?\/\//.test(html), 'no links off the page except the relative OpenAPI document');
  assert.match(html, /<style>/);
});

test('the reference lists every operation with its method, path, summary, parameters, body fields, responses and codes', async () => {
  const { app } = await buildTestApi();
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const html = (await app.inject({ method: 'GET', url: '/api/v1/reference' })).body;
  for (const route of apiRoutes()) {
    const section = html.slice(html.indexOf(`<section class="op" id="${route.operationId}">`));
    assert.ok(section.length < html.length, `${route.operationId} has a section`);
    const own = section.slice(0, section.indexOf('</section>'));
    assert.ok(own.includes(`>${route.method}</span> <code>/api/v1${route.url.replace(/:(\w+)/g, '{$1}')}</code>`), `${route.operationId}: method and path`);
    assert.ok(own.includes(escapeHtml(route.summary)), `${route.operationId}: summary`);
    assert.ok(html.includes(`href="#${route.operationId}"`), `${route.operationId} is in the table of contents`);
    for (const [status, response] of Object.entries(doc.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()].responses as Record<string, { 'x-error-codes'?: string[] }>)) {
      assert.ok(own.includes(`<tr><td>${status}</td>`), `${route.operationId}: response ${status}`);
      for (const code of response['x-error-codes'] ?? []) assert.ok(own.includes(`<code>${code}</code>`), `${route.operationId}: ${code}`);
    }
    for (const name of route.url.match(/:(\w+)/g) ?? []) assert.ok(own.includes(`<td><code>${name.slice(1)}</code></td><td>path</td>`), `${route.operationId}: parameter ${name}`);
  }
  const create = html.slice(html.indexOf('id="createChannel"'));
  for (const field of ['name', 'input.protocol', 'input.keyFrameIntervalMs', 'input.ipAllow', 'input.ipAllow[].address', 'preview.ipAllow[].prefixLength']) {
    assert.ok(create.slice(0, create.indexOf('</section>')).includes(`<td><code>${field}</code></td>`), `createChannel body field ${field}`);
  }
  assert.match(create, /<td><code>input\.protocol<\/code><\/td><td>string<\/td><td>yes<\/td><td>one of <code>rtmp<\/code>, <code>fmp4<\/code><\/td>/);
  assert.match(create, /<td><code>input\.keyFrameIntervalMs<\/code><\/td><td>integer<\/td><td><\/td><td>≥ 1000; ≤ 10000; default <code>2000<\/code><\/td>/);
  for (const tag of doc.tags as { name: string }[]) assert.ok(html.includes(`>${tag.name}</a>`), `contents list ${tag.name}`);
});

test('the reference escapes everything it takes from the document', () => {
  const evil = '<script>alert("x")</script> & \'q\'';
  const doc = buildOpenApi(
    [{ method: 'POST', url: '/things/:name', operationId: 'make"Thing', summary: evil, body: { type: 'object', properties: { '<b>': { type: 'string', description: evil, pattern: '^<a>$' } } }, success: { status: 201 }, handler: () => undefined }],
    '/api/<v1>',
  );
  doc.info.title = evil;
  const html = renderReference(doc);
  assert.ok(!html.includes('<script>'), 'no live script');
  assert.ok(!html.includes('<b>') && !html.includes('<a>') && !html.includes('<v1>'));
  assert.ok(!html.includes('make"Thing'), 'attribute values are escaped too');
  assert.ok(html.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;q&#39;'));
});
