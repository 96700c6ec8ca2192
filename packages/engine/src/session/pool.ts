/**
 * Slab allocation of session numbers. Each live session's numbers (SLOT_BYTES: its float64
 * fields, then its uint32 ones, state.ts) sit in a shared 1 MiB ArrayBuffer, reached through
 * one Float64Array and one Uint32Array over the whole slab and the session's index in it: one
 * small ArrayBuffer per session would cost a backing-store record and allocator overhead off
 * the JS heap, and a typed-array view per session ~90 B on it (issue 24). Released slots are
 * reused; a released session gets a private copy of its numbers first, so a host holding an
 * ended session never sees another session's data.
 */
import { type Accumulators, type SessionState, SLOT_BYTES } from "./state.ts";

const SLAB_BYTES = 1 << 20;
const SLOT_FLOATS = SLOT_BYTES / 8;

export class AccumulatorPool implements Accumulators {
  /** Released slots: the slab's two arrays and the slot's index, by position. */
  private readonly freeF: Float64Array[] = [];
  private readonly freeU: Uint32Array[] = [];
  private readonly freeO: number[] = [];
  private slabF: Float64Array | null = null;
  private slabU: Uint32Array | null = null;
  /** Next unused float64 index in the current slab. */
  private next = 0;

  acquire(s: SessionState): void {
    const o = this.freeO.pop();
    if (o !== undefined) {
      const f = this.freeF.pop()!;
      f.fill(0, o, o + SLOT_FLOATS); // +0.0 is all zero bits: the uint32 fields too
      s.f = f;
      s.u = this.freeU.pop()!;
      s.o = o;
      return;
    }
    if (!this.slabF || !this.slabU || (this.next + SLOT_FLOATS) * 8 > SLAB_BYTES) {
      const slab = new ArrayBuffer(SLAB_BYTES);
      this.slabF = new Float64Array(slab);
      this.slabU = new Uint32Array(slab);
      this.next = 0;
    }
    s.f = this.slabF;
    s.u = this.slabU;
    s.o = this.next;
    this.next += SLOT_FLOATS;
  }

  /** Returns the slot of `s` to the pool and gives `s` a private copy of its numbers. */
  release(s: SessionState): void {
    const { f, u, o } = s;
    s.own(f.buffer.slice(o * 8, o * 8 + SLOT_BYTES) as ArrayBuffer);
    this.freeF.push(f);
    this.freeU.push(u);
    this.freeO.push(o);
  }
}
