/**
 * Fixed-size records of numbers for many small owners (the recorder's live sessions): slots of
 * `stride` numbers in chunks of `perChunk` slots, reused through a free list. A slot costs its
 * stride × element bytes and nothing else — no object, no boxed numbers (issue 24: memory per
 * live session). Chunks stay allocated at the high-water mark, as the engine's slab does.
 * `FloatSlab` holds float64s (times); `Uint16Slab` holds small integers and quantised values.
 */
class Slab<A extends Float64Array | Uint16Array> {
  private readonly chunks: A[] = [];
  private readonly free: number[] = [];
  private next = 0;

  constructor(
    readonly stride: number,
    private readonly make: (length: number) => A,
    private readonly perChunk = 1024,
  ) {}

  /** A zeroed slot. */
  alloc(): number {
    const slot = this.free.pop() ?? this.next++;
    this.claim(slot);
    return slot;
  }

  /**
   * Zeroes `slot` (allocating its chunk), for a slab that follows another's slot numbers: one
   * slab allocates and releases, the other only claims the same slot.
   */
  claim(slot: number): void {
    const c = Math.floor(slot / this.perChunk);
    this.chunks[c] ??= this.make(this.perChunk * this.stride);
    const chunk = this.chunks[c];
    const o = this.offset(slot);
    chunk.fill(0, o, o + this.stride);
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  /** The chunk holding `slot`; its numbers start at `offset(slot)`. */
  chunk(slot: number): A {
    return this.chunks[Math.floor(slot / this.perChunk)]!;
  }

  offset(slot: number): number {
    return (slot % this.perChunk) * this.stride;
  }
}

export class FloatSlab extends Slab<Float64Array> {
  constructor(stride: number, perChunk = 1024) {
    super(stride, (n) => new Float64Array(n), perChunk);
  }
}

export class Uint16Slab extends Slab<Uint16Array> {
  constructor(stride: number, perChunk = 1024) {
    super(stride, (n) => new Uint16Array(n), perChunk);
  }
}
