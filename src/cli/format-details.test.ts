import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDetails } from './format-details.js';

test('formatDetails aligns values and leaves out undefined ones', () => {
  assert.equal(formatDetails([['Name', 'ch1'], ['Description', undefined], ['Access token', 'abc']]), 'Name:          ch1\nAccess token:  abc\n');
});

test('formatDetails indents the continuation lines of a multi-line value', () => {
  assert.equal(formatDetails([['A', 'one\ntwo'], ['Bb', '']]), 'A:   one\n     two\nBb:\n');
});
