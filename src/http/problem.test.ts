import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_CODES, TributaryError, type ErrorCode } from '../util/errors.js';
import { statusForCode, toProblem } from './problem.js';

const STATUS: [ErrorCode, number][] = [
  ['ERR_VALIDATION', 400],
  ['ERR_UNAUTHORIZED', 401],
  ['ERR_FORBIDDEN', 403],
  ['ERR_NOT_FOUND', 404],
  ['ERR_ALREADY_EXISTS', 409],
  ['ERR_CHANNEL_STATE', 409],
  ['ERR_PROGRAM_STATE', 409],
  ['ERR_ASSET_STATE', 409],
  ['ERR_LIMIT', 409],
  ['ERR_IP_DENIED', 403],
  ['ERR_STREAMING_ENDPOINT_STATE', 409],
  ['ERR_DEFAULT_ENDPOINT', 409],
  ['ERR_PORT_IN_USE', 409],
  ['ERR_INTERNAL', 500],
];

for (const [code, status] of STATUS) test(`${code} → ${status}`, () => assert.equal(statusForCode(code), status));

test('every catalogued code has a status', () => {
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) assert.ok(statusForCode(code) >= 400);
});

test('a TributaryError keeps its message and field', () => {
  const p = toProblem(new TributaryError('ERR_VALIDATION', 'name must match', { field: 'name', reason: 'must match' }));
  assert.deepEqual(p, { type: 'urn:tributary:error:ERR_VALIDATION', title: ERROR_CODES.ERR_VALIDATION, status: 400, detail: 'name must match', code: 'ERR_VALIDATION', field: 'name', invalidParams: [{ name: 'name', reason: 'must match' }] });
});

test('an unknown error hides its message', () => {
  const p = toProblem(new Error('SQLITE_CORRUPT at /secret/path'));
  assert.deepEqual([p.status, p.code], [500, 'ERR_INTERNAL']);
  assert.ok(!p.detail.includes('secret'));
});

test("fastify's Ajv validation errors name the field", () => {
  const err = Object.assign(new Error('body must have required property name'), {
    statusCode: 400,
    validationContext: 'body',
    validation: [{ instancePath: '/input', params: { missingProperty: 'protocol' }, message: 'must have required property' }],
  });
  const p = toProblem(err);
  assert.deepEqual([p.status, p.code, p.field], [400, 'ERR_VALIDATION', 'input.protocol']);
});

test('fastify client errors keep their status', () => {
  assert.equal(toProblem(Object.assign(new Error('too large'), { statusCode: 413 })).status, 413);
  assert.equal(toProblem(Object.assign(new Error('gone'), { statusCode: 404 })).code, 'ERR_NOT_FOUND');
});
