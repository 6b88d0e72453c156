import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipInRange, isIpAllowed, parseCidr, parseIp } from './ip-cidr.js';

/** [client address, range address, prefix length, expected] */
const MATCHES: [string, string, number, boolean][] = [
  // IPv4
  ['10.1.2.3', '10.0.0.0', 8, true],
  ['11.1.2.3', '10.0.0.0', 8, false],
  ['192.168.1.200', '192.168.1.128', 25, true],
  ['192.168.1.127', '192.168.1.128', 25, false],
  ['172.31.255.255', '172.16.0.0', 12, true],
  ['172.32.0.0', '172.16.0.0', 12, false],
  ['10.1.2.3', '10.9.9.9', 8, true], // host bits of the range are ignored
  // /32 and /0
  ['203.0.113.7', '203.0.113.7', 32, true],
  ['203.0.113.8', '203.0.113.7', 32, false],
  ['8.8.8.8', '0.0.0.0', 0, true],
  ['255.255.255.255', '0.0.0.0', 0, true],
  // IPv6
  ['2001:db8::1', '2001:db8::', 32, true],
  ['2001:db9::1', '2001:db8::', 32, false],
  ['2001:db8:abcd:12::1', '2001:db8:abcd:10::', 60, true],
  ['2001:db8:abcd:20::1', '2001:db8:abcd:10::', 60, false],
  ['fe80::1%eth0', 'fe80::', 10, true], // zone id dropped
  ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 128, true],
  // /128 and ::/0
  ['::1', '::1', 128, true],
  ['::2', '::1', 128, false],
  ['2001:db8::1', '::', 0, true],
  // IPv4-mapped IPv6 clients match IPv4 ranges
  ['::ffff:127.0.0.1', '127.0.0.0', 8, true],
  ['::ffff:127.0.0.1', '127.0.0.1', 32, true],
  ['::FFFF:7f00:1', '127.0.0.1', 32, true],
  ['::ffff:10.0.0.1', '127.0.0.0', 8, false],
  ['127.0.0.1', '::ffff:127.0.0.0', 104, true], // a range written mapped is an IPv4 range
  ['::ffff:127.0.0.1', '::ffff:127.0.0.1', 128, true],
  // families never cross
  ['10.0.0.1', '::', 0, false],
  ['::ffff:10.0.0.1', '::', 0, false],
  ['::1', '0.0.0.0', 0, false],
  ['::a00:1', '10.0.0.0', 8, false], // IPv4-compatible (deprecated) is not mapped
  // embedded IPv4 tails in plain IPv6
  ['64:ff9b::192.0.2.33', '64:ff9b::', 96, true],
];

for (const [client, address, prefixLength, expected] of MATCHES) {
  test(`${client} in ${address}/${prefixLength} → ${expected}`, () => assert.equal(ipInRange(client, { address, prefixLength }), expected));
}

const BAD_RANGES: [string, number][] = [
  ['10.0.0.0', 33],
  ['10.0.0.0', -1],
  ['10.0.0.0', 1.5],
  ['2001:db8::', 129],
  ['::ffff:10.0.0.0', 95], // mapped form below 96 bits reaches outside IPv4
  ['10.0.0', 8],
  ['not an ip', 8],
  ['', 0],
];

for (const [address, prefixLength] of BAD_RANGES) {
  test(`bad range ${JSON.stringify(address)}/${prefixLength} is refused and matches nothing`, () => {
    assert.equal(parseCidr({ address, prefixLength }), undefined);
    assert.equal(ipInRange('10.0.0.1', { address, prefixLength }), false);
  });
}

test('bad client addresses parse to nothing and match nothing', () => {
  for (const bad of ['', '1.2.3', '1.2.3.256', '01.2.3.4', 'gggg::1', '1::2::3', 'localhost', '1.2.3.4:80']) {
    assert.equal(parseIp(bad), undefined, bad);
    assert.equal(ipInRange(bad, { address: '0.0.0.0', prefixLength: 0 }), false, bad);
  }
});

test('parseIp gives network-order bytes', () => {
  assert.deepEqual(parseIp('1.2.3.4'), { family: 4, bytes: Uint8Array.from([1, 2, 3, 4]) });
  assert.deepEqual(parseIp('::ffff:1.2.3.4'), { family: 4, bytes: Uint8Array.from([1, 2, 3, 4]) });
  assert.deepEqual([...(parseIp('2001:db8::ff00:42:8329')?.bytes ?? [])], [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29]);
});

test('isIpAllowed: no list allows all, an empty list allows none, otherwise any range matches', () => {
  const list = [
    { name: 'office', address: '192.0.2.0', prefixLength: 24 },
    { address: '2001:db8::', prefixLength: 48 },
  ];
  assert.equal(isIpAllowed('198.51.100.1', undefined), true);
  assert.equal(isIpAllowed(undefined, undefined), true);
  assert.equal(isIpAllowed('192.0.2.1', []), false);
  assert.equal(isIpAllowed('192.0.2.1', list), true);
  assert.equal(isIpAllowed('::ffff:192.0.2.1', list), true);
  assert.equal(isIpAllowed('2001:db8:0:1::1', list), true);
  assert.equal(isIpAllowed('198.51.100.1', list), false);
  assert.equal(isIpAllowed(undefined, list), false);
  assert.equal(isIpAllowed('garbage', list), false);
  assert.equal(isIpAllowed('192.0.2.1', [{ address: 'bad', prefixLength: 8 }, ...list]), true, 'a bad entry does not spoil the others');
});
