import { TributaryError } from '../../util/errors.js';

/**
 * Removes emulation-prevention bytes (H.264 §7.4.1: a 0x03 after two zero bytes inside a NAL
 * unit) to recover the RBSP. Returns the input itself when there are none.
 */
export function nalToRbsp(nal: Uint8Array): Uint8Array {
  let zeros = 0;
  let first = -1;
  for (let i = 0; i < nal.length; i++) {
    if (zeros >= 2 && nal[i] === 3) {
      first = i;
      break;
    }
    zeros = nal[i] === 0 ? zeros + 1 : 0;
  }
  if (first < 0) return nal;
  const out = new Uint8Array(nal.length);
  out.set(nal.subarray(0, first));
  let n = first;
  zeros = 0;
  for (let i = first + 1; i < nal.length; i++) {
    const b = nal[i];
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

/**
 * An MSB-first bit reader over an RBSP with the Exp-Golomb codes of H.264 §9.1. Reading past
 * the end throws an ERR_MEDIA error naming `what`.
 */
export class RbspBitReader {
  private bitPos = 0;

  constructor(
    private readonly rbsp: Uint8Array,
    private readonly what = 'RBSP',
  ) {}

  /** Bits not yet read. */
  get bitsLeft(): number {
    return this.rbsp.length * 8 - this.bitPos;
  }

  /** u(n) for n ≤ 32, as an unsigned number. */
  u(n: number, field = 'field'): number {
    if (n > this.bitsLeft) throw new TributaryError('ERR_MEDIA', `${this.what} truncated reading ${field}`);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const p = this.bitPos++;
      v = v * 2 + ((this.rbsp[p >> 3] >> (7 - (p & 7))) & 1);
    }
    return v;
  }

  flag(field?: string): boolean {
    return this.u(1, field) === 1;
  }

  skip(n: number, field?: string): void {
    if (n > this.bitsLeft) throw new TributaryError('ERR_MEDIA', `${this.what} truncated skipping ${field ?? 'bits'}`);
    this.bitPos += n;
  }

  /** ue(v): leading zeros, a 1, then that many bits (§9.1). Values up to 2^32 − 2. */
  ue(field = 'field'): number {
    let zeros = 0;
    while (this.u(1, field) === 0) {
      if (++zeros > 31) throw new TributaryError('ERR_MEDIA', `${this.what}: Exp-Golomb code for ${field} is too long`);
    }
    return 2 ** zeros - 1 + this.u(zeros, field);
  }

  /** se(v): ue mapped 1, 2, 3, 4 … → 1, −1, 2, −2 … (§9.1.1). */
  se(field?: string): number {
    const k = this.ue(field);
    return k % 2 === 1 ? (k + 1) / 2 : k === 0 ? 0 : -(k / 2);
  }
}
