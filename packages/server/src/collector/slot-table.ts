/**
 * A string-keyed index into numbered slots whose keys live elsewhere (the idempotency ring):
 * open addressing with linear probing over one Int32Array, ≤ 50 % full, 4-8 bytes a key —
 * where a Map costs ~80 bytes a key at its usual load (issue 24: memory per live session).
 * Deletion shifts the following entries back, so there are no tombstones.
 */

/** FNV-1a over the UTF-16 code units: cheap, and spreads ids that differ in a few characters. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class SlotTable {
  /** slot + 1, or 0 for an empty cell. */
  private cells = new Int32Array(1024);
  private used = 0;

  constructor(
    /** The key and hash (hashKey) of a slot that is in the table. */
    private readonly keyAt: (slot: number) => string,
    private readonly hashAt: (slot: number) => number,
  ) {}

  get size(): number {
    return this.used;
  }

  /** The slot of `key` (whose hashKey is `h`), or −1. */
  get(key: string, h: number): number {
    const mask = this.cells.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const c = this.cells[i]!;
      if (c === 0) return -1;
      if (this.hashAt(c - 1) === h && this.keyAt(c - 1) === key) return c - 1;
    }
  }

  /** Adds a slot whose key is not in the table (its keyAt/hashAt answer already). */
  add(slot: number, h: number): void {
    if ((this.used + 1) * 2 > this.cells.length) this.resize(this.cells.length * 2);
    const mask = this.cells.length - 1;
    let i = h & mask;
    while (this.cells[i] !== 0) i = (i + 1) & mask;
    this.cells[i] = slot + 1;
    this.used++;
  }

  /** Removes a slot that is in the table (before its key and hash are overwritten). */
  delete(slot: number, h: number): void {
    const mask = this.cells.length - 1;
    let i = h & mask;
    while (this.cells[i] !== slot + 1) {
      if (this.cells[i] === 0) return;
      i = (i + 1) & mask;
    }
    this.cells[i] = 0;
    this.used--;
    // Shift back every following entry whose home is not in (i, j].
    for (let j = (i + 1) & mask; this.cells[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashAt(this.cells[j]! - 1) & mask;
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
      let i = this.hashAt(c - 1) & mask;
      while (this.cells[i] !== 0) i = (i + 1) & mask;
      this.cells[i] = c;
    }
  }
}
