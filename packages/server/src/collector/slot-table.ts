/**
 * An index from 64-bit digests (two uint32 halves, key-digest.ts) into numbered slots whose
 * digests live elsewhere (the idempotency ring): open addressing with linear probing over one
 * Int32Array, ≤ 50 % full, 8-16 bytes a key — where a Map costs ~80 bytes a key at its usual
 * load (issue 24: memory per live session). The low half places a slot in the table (it is
 * keyed per process, so no one can aim ids at one run of cells); both halves identify it.
 * Deletion shifts the following entries back, so there are no tombstones.
 */
export class SlotTable {
  /** slot + 1, or 0 for an empty cell. */
  private cells = new Int32Array(1024);
  private used = 0;

  constructor(
    /** The digest halves of a slot that is in the table. */
    private readonly loAt: (slot: number) => number,
    private readonly hiAt: (slot: number) => number,
  ) {}

  get size(): number {
    return this.used;
  }

  /** The slot whose digest is (`lo`, `hi`), or −1. */
  get(lo: number, hi: number): number {
    const mask = this.cells.length - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const c = this.cells[i]!;
      if (c === 0) return -1;
      if (this.loAt(c - 1) === lo && this.hiAt(c - 1) === hi) return c - 1;
    }
  }

  /** Adds a slot whose digest is not in the table (its loAt/hiAt answer already). */
  add(slot: number, lo: number): void {
    if ((this.used + 1) * 2 > this.cells.length) this.resize(this.cells.length * 2);
    const mask = this.cells.length - 1;
    let i = lo & mask;
    while (this.cells[i] !== 0) i = (i + 1) & mask;
    this.cells[i] = slot + 1;
    this.used++;
  }

  /** Removes a slot that is in the table (before its digest is overwritten). */
  delete(slot: number, lo: number): void {
    const mask = this.cells.length - 1;
    let i = lo & mask;
    while (this.cells[i] !== slot + 1) {
      if (this.cells[i] === 0) return;
      i = (i + 1) & mask;
    }
    this.cells[i] = 0;
    this.used--;
    // Shift back every following entry whose home is not in (i, j].
    for (let j = (i + 1) & mask; this.cells[j] !== 0; j = (j + 1) & mask) {
      const home = this.loAt(this.cells[j]! - 1) & mask;
      const between = i <= j ? i < home && home <= j : i < home || home <= j;
      if (between) continue;
      this.cells[i] = this.cells[j]!;
      this.cells[j] = 0;
      i = j;
    }
  }

  private resize(size: number): void {
    const old = this.cells;
    this.cells = new Int32Array(size);
    const mask = size - 1;
    for (const c of old) {
      if (c === 0) continue;
      let i = this.loAt(c - 1) & mask;
      while (this.cells[i] !== 0) i = (i + 1) & mask;
      this.cells[i] = c;
    }
  }
}
