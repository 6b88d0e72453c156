import { ACCESS_TOKEN_PATTERN, KEY_FRAME_INTERVAL_MS, type Channel, type ChannelPatch } from './channel.js';
import { parseIpAllow } from './ip-range.js';
import { assertDescription, invalid } from './names.js';

const ACCESS_TOKEN = new RegExp(ACCESS_TOKEN_PATTERN);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The channel after a PATCH, validated field by field. Which changes the channel's state
 * allows (token and key frame interval only while Stopped) is the catalog's rule, not this one.
 */
export function patchChannel(current: Channel, patch: ChannelPatch, now: string): Channel {
  if (!isObject(patch)) throw invalid('body', 'must be an object');
  const next: Channel = { ...current, input: { ...current.input }, preview: { ...current.preview }, lastModified: now };
  if (patch.description !== undefined) next.description = assertDescription(patch.description, 'description');
  const input = patch.input;
  if (input !== undefined) {
    if (!isObject(input)) throw invalid('input', 'must be an object');
    if (input.protocol !== undefined && input.protocol !== current.input.protocol) {
      throw invalid('input.protocol', `cannot be changed (it is ${current.input.protocol}): the ingest URLs depend on it; create another channel`);
    }
    if (input.keyFrameIntervalMs !== undefined) {
      const ms: unknown = input.keyFrameIntervalMs;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < KEY_FRAME_INTERVAL_MS.min || ms > KEY_FRAME_INTERVAL_MS.max) {
        throw invalid('input.keyFrameIntervalMs', `must be an integer from ${KEY_FRAME_INTERVAL_MS.min} to ${KEY_FRAME_INTERVAL_MS.max}`);
      }
      next.input.keyFrameIntervalMs = ms;
    }
    if (input.accessToken !== undefined) {
      if (typeof input.accessToken !== 'string' || !ACCESS_TOKEN.test(input.accessToken)) throw invalid('input.accessToken', `must match ${ACCESS_TOKEN_PATTERN}`);
      next.input.accessToken = input.accessToken;
    }
    if (input.ipAllow === null) delete next.input.ipAllow;
    else if (input.ipAllow !== undefined) next.input.ipAllow = parseIpAllow(input.ipAllow, 'input.ipAllow');
  }
  const preview = patch.preview;
  if (preview !== undefined) {
    if (!isObject(preview)) throw invalid('preview', 'must be an object');
    if (preview.ipAllow === null) delete next.preview.ipAllow;
    else if (preview.ipAllow !== undefined) next.preview.ipAllow = parseIpAllow(preview.ipAllow, 'preview.ipAllow');
  }
  return next;
}
