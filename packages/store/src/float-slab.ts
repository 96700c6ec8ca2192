/**
 * Fixed-size records of numbers for many small owners (the recorder's live sessions): slots of
 * `stride` float64s in chunks of `perChunk` slots, reused through a free list. A slot costs its
 * 8 × stride bytes and nothing else — no object, no boxed numbers (issue 24: memory per live
 * session). Chunks stay allocated at the high-water mark, as the engine's slab does.
 */
export class FloatSlab {
  private readonly chunks: Float64Array[] = [];
  private readonly free: number[] = [];
  private next = 0;

  constructor(
    readonly stride: number,
    private readonly perChunk = 1024,
  ) {}

  /** A zeroed slot. */
  alloc(): number {
    const slot = this.free.pop() ?? this.next++;
    const c = Math.floor(slot / this.perChunk);
    this.chunks[c] ??= new Float64Array(this.perChunk * this.stride);
    const chunk = this.chunks[c];
    const o = this.offset(slot);
    chunk.fill(0, o, o + this.stride);
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  /** The chunk holding `slot`; its numbers start at `offset(slot)`. */
  chunk(slot: number): Float64Array {
    return this.chunks[Math.floor(slot / this.perChunk)]!;
  }

  offset(slot: number): number {
    return (slot % this.perChunk) * this.stride;
  }
}
