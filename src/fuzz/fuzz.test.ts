// The short fuzz run of the test suite (the long one: `npm run fuzz`, docs/operations.md): every
// parser target for a few hundred mutated real inputs, and every input that ever failed a run
// (test/fuzz/regressions/) replayed as a regression test.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { repoRoot } from '../../test/golden/golden-file.js';
import { readAmf0Values } from '../formats/amf/amf0-reader.js';
import { readFragment } from '../formats/mp4/fragment-reader.js';
import { readInitSegment } from '../formats/mp4/init-reader.js';
import { ChunkReader } from '../ingest/rtmp/chunk-reader.js';
import { answerHandshake } from '../ingest/rtmp/handshake.js';
import { SmoothIngestParser } from '../ingest/smooth/smooth-ingest-parser.js';
import { inputFromJson } from './fuzz-input-json.js';
import { FUZZ_TARGETS } from './fuzz-targets.js';
import { seedCorpus, type SeedCorpus } from './seed-corpus.js';

const RUNS = Number(process.env.TRIBUTARY_FUZZ_RUNS ?? 300);

describe('fuzzed parsers (mutations of real ffmpeg captures)', () => {
  let corpus: SeedCorpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  for (const target of FUZZ_TARGETS) {
    test(`${target.name}: ${RUNS} inputs, only clear refusals`, () => {
      fc.assert(fc.property(target.input(corpus), (input) => target.run(input)), { numRuns: RUNS });
    });
  }

  test('the unmutated captures parse without a refusal: the mutations start from valid input', () => {
    assert.equal(answerHandshake(corpus.rtmpC0C1[0]).response.length, 1 + 2 * 1536);
    const reader = new ChunkReader();
    reader.push(corpus.rtmpChunkStream[0]);
    const commands: unknown[] = [];
    let media = 0;
    for (let r = reader.read(); r.kind === 'message'; r = reader.read()) {
      if (r.message.typeId === 20) commands.push(readAmf0Values(r.message.payload)[0]);
      if (r.message.typeId === 8 || r.message.typeId === 9) media++;
    }
    assert.deepEqual(commands.slice(0, 1), ['connect']);
    assert.ok(commands.includes('publish') && media > 10, `${commands.join(',')}; ${media} media messages`);
    const events = new SmoothIngestParser().push(corpus.smoothPost[0]);
    assert.ok(events.filter((e) => e.kind === 'fragment').length >= 4);
    assert.deepEqual(corpus.mp4Init.map((init) => readInitSegment(init).codec.kind), ['h264', 'aac', 'h265']);
    for (const f of corpus.mp4Fragment) assert.ok(readFragment(f).samples.length >= 1);
    for (const body of corpus.amf0) assert.ok(readAmf0Values(body).length >= 1);
  });
});

describe('fuzz regressions', () => {
  const dir = join(repoRoot(), 'test', 'fuzz', 'regressions');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const file of files) {
    test(`${file} no longer fails`, () => {
      const target = FUZZ_TARGETS.find((t) => file.startsWith(`${t.name}-`));
      assert.ok(target, `no target for ${file}`);
      target.run(inputFromJson(readFileSync(join(dir, file), 'utf8')));
    });
  }
});
