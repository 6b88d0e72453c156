import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { readFlvTags } from '../../formats/flv/flv-tag-sequence.js';
import { boxPayload, readBoxes } from '../../formats/mp4/box-reader.js';
import type { Presentation } from '../../model/presentation.js';
import { readAbst } from '../../packaging/hds/read-abst.js';
import { fixtureOrigin } from './fixture-origin.js';

const VIDEO = 'QualityLevels(3000000)/Fragments(video_720,format=f4m-f4f)/';

/** The golden live fixture with the CMAF fragments of sequence 12 of video_720 and audio_720 stored. */
async function origin(p: Presentation = livePresentation()) {
  return (await fixtureOrigin(p)).get;
}

test('HDS routes: the f4m, a live bootstrap and a fragment muxed from the stored video and audio', async () => {
  const get = await origin();
  const f4m = await get('manifest(format=f4m-f4f)');
  assert.deepEqual([f4m.statusCode, f4m.headers['content-type'], f4m.headers['cache-control']], [200, 'application/f4m+xml', 'public, max-age=1']);
  assert.ok(f4m.body.includes(`url="${VIDEO}"`));

  const boot = await get('QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f)');
  assert.deepEqual([boot.statusCode, boot.headers['content-type'], boot.headers['cache-control']], [200, 'binary/octet', 'public, max-age=1']);
  const abst = readAbst(boot.rawPayload);
  assert.deepEqual([abst.live, abst.fragmentRuns[0].firstFragment, abst.segmentRuns[0].fragmentsPerSegment], [true, 10, 5]);

  const frag = await get(`${VIDEO}Seg1-Frag12`);
  assert.deepEqual([frag.statusCode, frag.headers['content-type'], frag.headers['cache-control']], [200, 'video/f4f', 'public, max-age=31536000, immutable']);
  const tags = readFlvTags(boxPayload(readBoxes(frag.rawPayload)[1]));
  // Sequence 12: video from 24 s, its audio (AAC frame boundaries) from 23.984 s. The AVC and AAC
  // headers come first at the earlier start, then the frames in time order.
  const expected = [[9, 23984, 0x17, 0], [8, 23984, 0xaf, 0], [8, 23984, 0xaf, 1], [9, 24000, 0x17, 1], [9, 25000, 0x27, 1]];
  assert.deepEqual(tags.map((t) => [t.type, t.timestamp, t.data[0], t.data[1]]), expected);
});

test('HDS routes: unknown fragments, segments, renditions and HDS playlists are 404, never 500', async () => {
  const get = await origin();
  for (const path of [
    `${VIDEO}Seg1-Frag99`, // not in the window
    `${VIDEO}Seg1-Frag13`, // listed, but its bytes are not in the store
    `${VIDEO}Seg2-Frag12`,
    'QualityLevels(1)/Fragments(video_720,format=f4m-f4f)/Seg1-Frag12',
    'QualityLevels(128000)/Fragments(audio_720,format=f4m-f4f)/Seg1-Frag12', // audio is muxed into video renditions
    'QualityLevels(3000000)/Bootstrap(nope,format=f4m-f4f)',
    'QualityLevels(3000000)/Manifest(video_720,format=f4m-f4f)',
    'QualityLevels(3000000)/Fragments(video_720=1800000,format=f4m-f4f)',
  ]) {
    const res = await get(path);
    assert.equal(res.statusCode, 404, path);
    assert.equal(res.headers['cache-control'], 'no-store', path);
  }
});

test('HDS routes: an ended presentation has its bootstrap inline and a cacheable, non-live one by URL', async () => {
  const get = await origin({ ...livePresentation(), ended: true, version: 8 });
  const f4m = await get('manifest(format=f4m-f4f)');
  assert.match(f4m.body, /<streamType>recorded<\/streamType>/);
  const boot = await get('QualityLevels(3000000)/Bootstrap(video_720,format=f4m-f4f)');
  assert.deepEqual([boot.headers['cache-control'], readAbst(boot.rawPayload).live], ['public, max-age=60', false]);
});
