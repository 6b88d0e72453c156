import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from './format-table.js';

test('formatTable aligns every column to its widest cell, two spaces apart', () => {
  const out = formatTable(
    ['NAME', 'STATE', 'PROTOCOL'],
    [
      ['ch1', 'Running', 'rtmp'],
      ['a-longer-name', 'Stopped', 'fmp4'],
    ],
  );
  assert.equal(out, ['NAME           STATE    PROTOCOL', 'ch1            Running  rtmp', 'a-longer-name  Stopped  fmp4', ''].join('\n'));
});

test('formatTable leaves no trailing spaces and pads missing or empty cells', () => {
  const out = formatTable(['NAME', 'DESCRIPTION'], [['x', ''], ['y']]);
  assert.equal(out, 'NAME  DESCRIPTION\nx\ny\n');
  for (const line of out.split('\n')) assert.equal(line, line.trimEnd());
});

test('formatTable with no rows prints the header only', () => {
  assert.equal(formatTable(['ID', 'ASSET'], []), 'ID  ASSET\n');
});

test('formatTable counts code points, not UTF-16 units', () => {
  const out = formatTable(['A', 'B'], [['🎥', 'x'], ['ab', 'y']]);
  assert.deepEqual(out.split('\n').slice(1, 3), ['🎥   x', 'ab  y']);
});
