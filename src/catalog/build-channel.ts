import { randomBytes } from 'node:crypto';
import { ACCESS_TOKEN_PATTERN, INGEST_PROTOCOLS, KEY_FRAME_INTERVAL_MS, type Channel, type NewChannel } from './channel.js';
import { parseIpAllow } from './ip-range.js';
import { assertDescription, assertName, invalid } from './names.js';

const ACCESS_TOKEN = new RegExp(ACCESS_TOKEN_PATTERN);

/**
 * Validates a create request and fills its defaults. The API validates shapes too; this repeats
 * the rules so that every caller of the catalog (CLI, tests, later a console) gets the same ones.
 */
export function buildChannel(input: NewChannel, now: string): Channel {
  const name = assertName(input?.name, 'name');
  const description = assertDescription(input.description, 'description');
  const given = input.input;
  if (typeof given !== 'object' || given === null) throw invalid('input', 'is required');
  if (!(INGEST_PROTOCOLS as readonly unknown[]).includes(given.protocol)) throw invalid('input.protocol', `must be one of ${INGEST_PROTOCOLS.join(', ')}`);
  const keyFrameIntervalMs = given.keyFrameIntervalMs ?? KEY_FRAME_INTERVAL_MS.default;
  if (!Number.isInteger(keyFrameIntervalMs) || keyFrameIntervalMs < KEY_FRAME_INTERVAL_MS.min || keyFrameIntervalMs > KEY_FRAME_INTERVAL_MS.max) {
    throw invalid('input.keyFrameIntervalMs', `must be an integer from ${KEY_FRAME_INTERVAL_MS.min} to ${KEY_FRAME_INTERVAL_MS.max}`);
  }
  const accessToken = given.accessToken ?? randomBytes(16).toString('hex');
  if (typeof accessToken !== 'string' || !ACCESS_TOKEN.test(accessToken)) throw invalid('input.accessToken', `must match ${ACCESS_TOKEN_PATTERN}`);
  const channel: Channel = {
    name,
    description,
    state: 'Stopped',
    input: { protocol: given.protocol, keyFrameIntervalMs, accessToken },
    preview: {},
    created: now,
    lastModified: now,
  };
  const inputAllow = parseIpAllow(given.ipAllow, 'input.ipAllow');
  if (inputAllow) channel.input.ipAllow = inputAllow;
  const previewAllow = parseIpAllow(input.preview?.ipAllow, 'preview.ipAllow');
  if (previewAllow) channel.preview.ipAllow = previewAllow;
  return channel;
}
