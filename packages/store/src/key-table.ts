/**
 * Strings as small integer ids, counted by reference (issue 24: memory per live session): a live
 * session holds the ids of its page keys and custom segments — numbers, packed into its one
 * array of doubles — instead of pointers to strings. The table keeps a key while some holder has
 * it, so it is bounded by what live sessions hold; a released key's id is reused.
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly refs: number[] = [];
  private readonly free: number[] = [];

  /** Ids stay below `limit` (they are packed with other fields into one double). */
  constructor(readonly limit: number) {}

  /** The id of `key`, or −1 when nobody holds it. */
  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /** The id of `key`, held once more (release it once per hold). */
  hold(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.free.pop() ?? this.keys.length;
      if (id >= this.limit) throw new RangeError(`more than ${this.limit} keys held at once`);
      this.ids.set(key, id);
      this.keys[id] = key;
      this.refs[id] = 0;
    }
    this.refs[id]!++;
    return id;
  }

  /** Holds `id` once more (a second holder of a key already held). */
  holdId(id: number): void {
    this.refs[id]!++;
  }

  key(id: number): string {
    return this.keys[id]!;
  }

  release(id: number): void {
    if (--this.refs[id]! > 0) return;
    this.ids.delete(this.keys[id]!);
    this.keys[id] = "";
    this.free.push(id);
  }

  /** Keys held now. */
  get size(): number {
    return this.ids.size;
  }
}
