import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashFrameRate } from './frame-rate.js';
import { startTag, xmlEscape } from './xml-element.js';
import { msToXsDuration, ticksToMs } from './xs-duration.js';

describe('DASH value formats', () => {
  it('xs:duration from integer milliseconds', () => {
    assert.equal(msToXsDuration(1500), 'PT1.5S');
    assert.equal(msToXsDuration(2000), 'PT2S');
    assert.equal(msToXsDuration(2006), 'PT2.006S');
    assert.equal(msToXsDuration(0), 'PT0S');
    assert.equal(msToXsDuration(3600050), 'PT3600.05S');
    assert.equal(ticksToMs(96256, 48000), 2005);
  });

  it('frameRate as an integer or a ratio, never a decimal', () => {
    assert.equal(dashFrameRate(30), '30');
    assert.equal(dashFrameRate(29.97), '30000/1001');
    assert.equal(dashFrameRate(23.976), '24000/1001');
    assert.equal(dashFrameRate(12.5), '25/2');
    assert.equal(dashFrameRate(0), undefined);
  });

  it('escapes attributes and drops undefined ones', () => {
    assert.equal(xmlEscape(`a&b<c>"d'`), 'a&amp;b&lt;c&gt;&quot;d&apos;');
    assert.equal(startTag('S', [['t', undefined], ['d', 5]], true), '<S d="5"/>');
  });
});
