import type { H265Config } from '../../model/codec.js';

/**
 * RFC 6381 `codecs` value for HEVC (ISO 14496-15 Annex E.3): `hvc1.` then, separated by dots,
 * the profile space as '', 'A', 'B' or 'C' followed by general_profile_idc in decimal; the 32
 * compatibility flags in reverse bit order, hex without leading zeros; 'L' (Main tier) or 'H'
 * (High tier) with general_level_idc in decimal; then each of the six constraint bytes in hex,
 * trailing zero bytes omitted. Main profile, level 3.1: `hvc1.1.6.L93.B0`.
 */
export function hevcCodecString(c: H265Config): string {
  const space = ['', 'A', 'B', 'C'][c.profileSpace] ?? '';
  let reversed = 0;
  for (let i = 0; i < 32; i++) if ((c.compatibilityFlags >>> i) & 1) reversed |= 1 << (31 - i);
  const compat = (reversed >>> 0).toString(16).toUpperCase();
  const tier = c.tierFlag ? 'H' : 'L';
  const bytes = [...c.constraintFlags];
  while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
  const constraints = bytes.map((v) => v.toString(16).toUpperCase().padStart(2, '0'));
  return ['hvc1', `${space}${c.profileIdc}`, compat, `${tier}${c.levelIdc}`, ...constraints].join('.');
}
