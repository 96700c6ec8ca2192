/**
 * Slab allocation of session accumulators. Each live session's Float64Array is a view into a
 * shared 1 MiB ArrayBuffer instead of a buffer of its own: one small ArrayBuffer per session
 * costs a backing-store record and allocator overhead off the JS heap that is larger than a
 * quarter of the data itself. Released slots are reused; a released session gets a private copy
 * of its numbers first, so a host holding an ended session never sees another session's data.
 */
const SLAB_BYTES = 1 << 20;

export class AccumulatorPool {
  private readonly free: Float64Array[] = [];
  private slab: ArrayBuffer | null = null;
  private offset = 0;

  constructor(private readonly fields: number) {}

  acquire(): Float64Array {
    const reused = this.free.pop();
    if (reused) {
      reused.fill(0);
      return reused;
    }
    const bytes = this.fields * 8;
    if (!this.slab || this.offset + bytes > SLAB_BYTES) {
      this.slab = new ArrayBuffer(SLAB_BYTES);
      this.offset = 0;
    }
    const view = new Float64Array(this.slab, this.offset, this.fields);
    this.offset += bytes;
    return view;
  }

  /** Returns `view`'s slot to the pool and gives back a private copy of its contents. */
  release(view: Float64Array): Float64Array {
    const copy = view.slice();
    this.free.push(view);
    return copy;
  }
}
