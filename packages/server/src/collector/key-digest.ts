/**
 * A 64-bit keyed digest of a string: HalfSipHash-2-4 (Aumasson & Bernstein's 32-bit-word
 * SipHash, as in the reference implementation, 8-byte output) over the string's UTF-16LE
 * bytes. The idempotency index keeps this digest instead of the batch key (issue 24).
 *
 * Why this hash: it is a PRF under a secret 64-bit key, so with a key drawn at random per
 * process nobody can compute, in advance, ids whose digests collide or that pile up in one
 * region of the index's hash table; and it is plain 32-bit integer arithmetic (no Buffer, no
 * native call) over ~40 words for a usual key, cheaper than a second SHA-256 per batch
 * (issue 15). Conformance: the reference test vectors (test/collector-idempotency-digest).
 */
import { randomBytes } from "node:crypto";

const rotl = (x: number, b: number) => (x << b) | (x >>> (32 - b));

export class KeyDigest {
  /** The last digest: `lo` (bytes 0-3 of the output, little-endian) and `hi` (bytes 4-7). */
  lo = 0;
  hi = 0;
  private v0 = 0;
  private v1 = 0;
  private v2 = 0;
  private v3 = 0;
  private readonly k0: number;
  private readonly k1: number;

  /** `key`: 8 bytes; a random one (per process, never stored) when omitted. */
  constructor(key: Uint8Array = randomBytes(8)) {
    if (key.length !== 8) throw new RangeError("KeyDigest key must be 8 bytes");
    const w = (i: number) =>
      key[i]! | (key[i + 1]! << 8) | (key[i + 2]! << 16) | (key[i + 3]! << 24);
    this.k0 = w(0);
    this.k1 = w(4);
  }

  /** Digests `s` into `lo` and `hi` (unsigned 32-bit numbers). */
  digest(s: string): void {
    this.v0 = this.k0;
    this.v1 = this.k1 ^ 0xee;
    this.v2 = 0x6c796765 ^ this.k0;
    this.v3 = 0x74656462 ^ this.k1;
    const n = s.length;
    const whole = n & ~1;
    // Two UTF-16 code units make one little-endian 32-bit word.
    for (let i = 0; i < whole; i += 2) this.absorb(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    // The last word: the odd code unit, if any, and the byte length's low 8 bits on top.
    this.absorb((n & 1 ? s.charCodeAt(n - 1) : 0) | ((2 * n) << 24));
    this.v2 ^= 0xee;
    this.rounds(4);
    this.lo = (this.v1 ^ this.v3) >>> 0;
    this.v1 ^= 0xdd;
    this.rounds(4);
    this.hi = (this.v1 ^ this.v3) >>> 0;
  }

  private absorb(m: number): void {
    this.v3 ^= m;
    this.rounds(2);
    this.v0 ^= m;
  }

  private rounds(n: number): void {
    let { v0, v1, v2, v3 } = this;
    for (let r = 0; r < n; r++) {
      v0 = (v0 + v1) | 0;
      v1 = rotl(v1, 5) ^ v0;
      v0 = rotl(v0, 16);
      v2 = (v2 + v3) | 0;
      v3 = rotl(v3, 8) ^ v2;
      v0 = (v0 + v3) | 0;
      v3 = rotl(v3, 7) ^ v0;
      v2 = (v2 + v1) | 0;
      v1 = rotl(v1, 13) ^ v2;
      v2 = rotl(v2, 16);
    }
    this.v0 = v0;
    this.v1 = v1;
    this.v2 = v2;
    this.v3 = v3;
  }
}
