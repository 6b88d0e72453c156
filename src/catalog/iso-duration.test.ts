import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoDuration } from './iso-duration.js';

const cases: [string, number | undefined][] = [
  ['PT5M', 300_000],
  ['PT1H', 3_600_000],
  ['PT25H', 90_000_000],
  ['P1DT1H', 90_000_000],
  ['PT1H30M15S', 5_415_000],
  ['PT90.5S', 90_500],
  ['PT0,25S', 250],
  ['P1D', 86_400_000],
  ['P', undefined],
  ['PT', undefined],
  ['P1DT', undefined],
  ['P1M', undefined],
  ['P1W', undefined],
  ['P1Y', undefined],
  ['1H', undefined],
  ['pt1h', undefined],
  ['PT-5M', undefined],
  ['', undefined],
];

for (const [text, ms] of cases) {
  test(`parseIsoDuration(${JSON.stringify(text)}) = ${ms}`, () => assert.equal(parseIsoDuration(text), ms));
}
