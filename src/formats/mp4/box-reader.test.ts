import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxPayload, childBoxes, findPath, readBoxes } from './box-reader.js';
import { box, fullBox } from './box-writer.js';
import { TributaryError } from '../../util/errors.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const isMedia = (re: RegExp) => (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && re.test(e.message);

test('box and fullBox write size, type, version and flags', () => {
  assert.equal(hex(box('free', Uint8Array.of(1, 2))), '0000000a' + '66726565' + '0102');
  assert.equal(hex(fullBox('mfhd', 1, 0x020001, Uint8Array.of(0, 0, 0, 7))), '00000010' + '6d666864' + '01020001' + '00000007');
});

test('walks nested boxes and follows a path', () => {
  const file = Buffer.concat([box('ftyp', Uint8Array.of(0, 0, 0, 0)), box('moov', box('trak', box('tkhd')), box('mvex'))]);
  const top = readBoxes(file);
  assert.deepEqual(top.map((b) => [b.type, b.start, b.end]), [['ftyp', 0, 12], ['moov', 12, 44]]);
  assert.deepEqual(childBoxes(top[1]).map((b) => b.type), ['trak', 'mvex']);
  const tkhd = findPath(file, ['moov', 'trak', 'tkhd']);
  assert.equal(tkhd?.start, 28);
  assert.equal(findPath(file, ['moov', 'nope']), undefined);
});

test('64-bit largesize, size 0 (to the end) and uuid usertype', () => {
  const large = Buffer.from('00000001' + '6d646174' + '0000000000000012' + 'aabb', 'hex');
  const [mdat] = readBoxes(large);
  assert.deepEqual([mdat.type, mdat.payloadStart, mdat.end, hex(boxPayload(mdat))], ['mdat', 16, 18, 'aabb']);
  const toEnd = Buffer.from('00000000' + '6d646174' + '010203', 'hex');
  assert.equal(readBoxes(toEnd)[0].end, 11);
  const uuid = box('uuid', Buffer.from('6d1d9b0542d544e680e2141daff757b2', 'hex'), Uint8Array.of(9));
  const [u] = readBoxes(uuid);
  assert.equal(u.userType, '6d1d9b0542d544e680e2141daff757b2');
  assert.deepEqual([...boxPayload(u)], [9]);
});

test('sizes below the header, past the end, and truncated headers are errors', () => {
  assert.throws(() => readBoxes(Buffer.from('00000004' + '66726565', 'hex')), isMedia(/'free' at offset 0: size 4 is smaller/));
  assert.throws(() => readBoxes(Buffer.from('00000010' + '66726565' + '00', 'hex')), isMedia(/size 16 runs past the end \(9 bytes left\)/));
  assert.throws(() => readBoxes(Buffer.from('00000001' + '6d646174' + 'ffffffffffffffff', 'hex')), isMedia(/largesize .* runs past/));
  assert.throws(() => readBoxes(Buffer.from('00000001' + '6d646174' + '0000000000000008', 'hex')), isMedia(/largesize 8 is smaller/));
  assert.throws(() => readBoxes(Buffer.from('000000', 'hex')), isMedia(/box header: size needs 4 bytes/));
  assert.throws(() => readBoxes(box('uuid', Uint8Array.of(1, 2))), isMedia(/usertype/));
  const inner = box('moov', Buffer.from('000000ff' + '7472616b', 'hex'));
  assert.throws(() => childBoxes(readBoxes(inner)[0]), isMedia(/'trak' at offset 8: size 255 runs past/));
});
