/**
 * What every benchmark shares: rounds, summary statistics (medians and spread, never a single
 * lucky run), settled memory, progress reporting and the JSON a bench prints.
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Relative spread (max − min) / median. */
  spread: number;
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function spreadOf(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  return {
    median,
    min: s[0]!,
    max: s[s.length - 1]!,
    spread: median === 0 ? 0 : (s[s.length - 1]! - s[0]!) / median,
  };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A `gc()` function without needing --expose-gc on the command line. */
export async function gcFunction(): Promise<() => void> {
  const v8 = await import("node:v8");
  const vm = await import("node:vm");
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** Bytes held after full collections: the JS heap plus ArrayBuffer backing stores (off-heap). */
export function settle(gc: () => void): number {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Times `fn` over `rounds` rounds (after `warmup` untimed ones): each round's milliseconds. */
export async function timeRounds(
  rounds: number,
  fn: (round: number) => unknown,
  warmup = 0,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn(r);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Where long work reports progress (the CLI draws it on a terminal); silent by default. */
export interface ProgressSink {
  tick(done: number, total?: number): void;
  done(): void;
}
export type ProgressOf = (label: string) => ProgressSink;
export const noProgress: ProgressOf = () => ({ tick() {}, done() {} });

/** A bench's result as printed: one line with `compact` (--json), else indented. */
export const benchJson = (result: unknown, compact: boolean): string =>
  `${JSON.stringify(result, null, compact ? 0 : 2)}\n`;
