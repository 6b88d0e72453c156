import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonSchema } from './json-schema.js';
import { validateJson } from './validate-json.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    n: { type: 'integer', minimum: 1, maximum: 3 },
    s: { type: 'string', pattern: '^[a-z]+$', maxLength: 4 },
    e: { type: 'string', enum: ['x', 'y'] },
    list: { type: 'array', maxItems: 2, items: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } },
  },
  required: ['n'],
  additionalProperties: false,
};

const cases: [unknown, string[]][] = [
  [{ n: 2 }, []],
  [{ n: 2, s: 'abc', e: 'x', list: [{ a: '' }] }, []],
  [{}, ['n']],
  [null, ['body']],
  [{ n: 1.5 }, ['n']],
  [{ n: 4 }, ['n']],
  [{ n: 1, s: 'ABC' }, ['s']],
  [{ n: 1, s: 'abcde' }, ['s']],
  [{ n: 1, e: 'z' }, ['e']],
  [{ n: 1, extra: 1 }, ['extra']],
  [{ n: 1, list: [{}, { a: 1, b: 2 }] }, ['list[0].a', 'list[1].a', 'list[1].b']],
  [{ n: 1, list: [{ a: '' }, { a: '' }, { a: '' }] }, ['list']],
];

for (const [value, fields] of cases) {
  test(`validateJson(${JSON.stringify(value)}) names ${fields.join(', ') || 'nothing'}`, () => {
    assert.deepEqual(validateJson(schema, value).map((p) => p.name), fields);
  });
}
