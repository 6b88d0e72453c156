import fc from 'fast-check';

/**
 * Mutations of real captured inputs, the way a coverage-less fuzzer reaches deep states: most
 * inputs keep the structure of a real stream and break it in one to eight places — a bit flipped,
 * a byte or a 32-bit length overwritten with a boundary value, bytes inserted, deleted,
 * duplicated, or the rest cut off.
 */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; from: number; length: number; at: number }
  | { kind: 'truncate'; at: number };

/** Lengths a parser must bound: zero, one, a box header, signed and unsigned extremes. */
const BOUNDARY_U32 = [0, 1, 7, 8, 9, 16, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

const position = fc.nat({ max: 1 << 20 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: position, value: fc.oneof(fc.constantFrom(0, 1, 0x7f, 0x80, 0xff), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('u32' as const), at: position, value: fc.oneof(fc.constantFrom(...BOUNDARY_U32), fc.nat()) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), from: position, length: fc.integer({ min: 1, max: 256 }), at: position }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

/** Applies mutations in order; positions wrap around the current length. */
export function applyMutations(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = seed;
  for (const m of mutations) {
    const n = b.length;
    const at = n === 0 ? 0 : ('at' in m ? m.at : 0) % n;
    switch (m.kind) {
      case 'flip':
        if (n) (b = Uint8Array.from(b))[at] ^= 1 << m.bit;
        break;
      case 'byte':
        if (n) (b = Uint8Array.from(b))[at] = m.value;
        break;
      case 'u32':
        if (n >= 4) {
          b = Uint8Array.from(b);
          new DataView(b.buffer).setUint32(Math.min(at, n - 4), m.value >>> 0);
        }
        break;
      case 'insert':
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.length));
        break;
      case 'duplicate': {
        const from = n === 0 ? 0 : m.from % n;
        b = concat(b.subarray(0, at), b.subarray(from, from + m.length), b.subarray(at));
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/** A seed mutated, or (one time in eight) bytes with no structure at all. */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([seed, ms]) => applyMutations(seed, ms));
  return fc.oneof({ weight: 7, arbitrary: mutated }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) });
}

/** Where a stream is cut into the pieces a socket would deliver: 1 to 24 pieces. */
export const splits = fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 0, maxLength: 23 });

/** `bytes` cut at the given piece sizes (the rest in the last piece). */
export function pieces(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) out.push(bytes.subarray(at));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
