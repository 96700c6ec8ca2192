/*
 * Sets of JavaScript numbers: closed intervals of doubles (±Infinity included) plus NaN.
 * Open bounds become closed ones on the neighbouring double, so emptiness is exact:
 * (1, 1.0000000000000002) is empty because no double lies strictly between them.
 * -0 and 0 are one point: every operator of the language treats them alike.
 */

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function norm(x: number): number {
  return x === 0 ? 0 : x;
}

/** The next double above x (x finite or -Infinity). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? (u64[0] as bigint) + 1n : (u64[0] as bigint) - 1n;
  return norm(f64[0] as number);
}

export function nextDown(x: number): number {
  return norm(-nextUp(-x));
}

type Range = readonly [number, number];
const INF = Number.POSITIVE_INFINITY;

export class NumSet {
  private constructor(
    readonly ranges: readonly Range[],
    readonly nan: boolean,
  ) {}

  static readonly ALL = new NumSet([[-INF, INF]], true);
  static readonly NONE = new NumSet([], false);

  /** [lo, hi] as given (closed); empty when lo > hi. */
  static closed(lo: number, hi: number): NumSet {
    if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) return NumSet.NONE;
    return new NumSet([[norm(lo), norm(hi)]], false);
  }

  /** The numbers x with x === c (NaN equals nothing). */
  static eq(c: number): NumSet {
    return NumSet.closed(c, c);
  }

  /** The numbers x with SameValueZero(x, c): like eq, but NaN finds NaN (`includes`, Set). */
  static same(c: number): NumSet {
    return Number.isNaN(c) ? new NumSet([], true) : NumSet.eq(c);
  }

  static points(list: readonly number[]): NumSet {
    let s = NumSet.NONE;
    for (const x of list) s = s.union(NumSet.same(x));
    return s;
  }

  /** { x | x op c } with JavaScript's comparison of numbers (NaN compares false). */
  static compare(op: "$gt" | "$gte" | "$lt" | "$lte", c: number): NumSet {
    if (Number.isNaN(c)) return NumSet.NONE;
    switch (op) {
      case "$gt":
        return c === INF ? NumSet.NONE : NumSet.closed(nextUp(c), INF);
      case "$gte":
        return NumSet.closed(c, INF);
      case "$lt":
        return c === -INF ? NumSet.NONE : NumSet.closed(-INF, nextDown(c));
      default:
        return NumSet.closed(-INF, c);
    }
  }

  isEmpty(): boolean {
    return this.ranges.length === 0 && !this.nan;
  }

  isAll(): boolean {
    const r = this.ranges[0];
    return this.nan && this.ranges.length === 1 && r !== undefined && r[0] === -INF && r[1] === INF;
  }

  has(x: number): boolean {
    if (Number.isNaN(x)) return this.nan;
    return this.ranges.some(([lo, hi]) => lo <= x && x <= hi);
  }

  complement(): NumSet {
    const out: Range[] = [];
    let from: number | null = -INF; // start of the next uncovered stretch; null when none is left
    for (const [lo, hi] of this.ranges) {
      if (from !== null && lo > from) out.push([from, nextDown(lo)]);
      from = hi === INF ? null : nextUp(hi);
    }
    if (from !== null) out.push([from, INF]);
    return new NumSet(out, !this.nan);
  }

  intersect(o: NumSet): NumSet {
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < o.ranges.length) {
      const a = this.ranges[i] as Range;
      const b = o.ranges[j] as Range;
      const lo = Math.max(a[0], b[0]);
      const hi = Math.min(a[1], b[1]);
      if (lo <= hi) out.push([lo, hi]);
      if (a[1] < b[1]) i++;
      else j++;
    }
    return new NumSet(out, this.nan && o.nan);
  }

  union(o: NumSet): NumSet {
    const all = [...this.ranges, ...o.ranges].sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const [lo, hi] of all) {
      const last = out[out.length - 1];
      if (last && (lo <= last[1] || (last[1] !== INF && lo <= nextUp(last[1])))) {
        last[1] = Math.max(last[1], hi);
      } else out.push([lo, hi]);
    }
    return new NumSet(out, this.nan || o.nan);
  }

  /** A few members, "nice" ones first (0, integers, finite bounds), for witnesses. */
  samples(): number[] {
    const out: number[] = [];
    const add = (x: number) => {
      if (this.has(x) && !out.some((y) => Object.is(y, x))) out.push(x);
    };
    for (const [lo, hi] of this.ranges.slice(0, 6)) {
      add(0);
      if (Number.isFinite(lo)) {
        add(Math.ceil(lo));
        add(lo);
      }
      if (Number.isFinite(hi)) {
        add(Math.floor(hi));
        add(hi);
      }
      if (Number.isFinite(lo) && Number.isFinite(hi)) add(lo / 2 + hi / 2);
      add(1);
      add(-1);
      add(lo);
      add(hi);
    }
    if (this.nan) out.push(Number.NaN);
    return out;
  }
}
