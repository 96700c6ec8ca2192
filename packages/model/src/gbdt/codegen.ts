/**
 * Compiles a forest into one JavaScript function of nested conditionals, for the engine's hot
 * path: V8 turns the comparisons into straight-line machine code, several times faster than
 * walking the node arrays. Results are bit-identical to predictGbdtRaw (same leaf values, same
 * summation order).
 *
 * Only numbers reach the generated source — feature indexes, thresholds and leaf values, each
 * checked to be a number (±Infinity allowed) and printed with Number#toString (exact for doubles) — so a
 * tampered model file cannot inject code; anything else falls back to the array walker.
 * Input rows must be Float64Array (NaN = missing), as the engine's feature vectors are.
 */
import { applyCalibrator } from "../calibration/apply.ts";
import { predictGbdtRaw, sigmoid } from "./predict.ts";
import type { GbdtModel, Tree } from "./types.ts";

/** Forests larger than this stay interpreted (generated code would be too large). */
const MAX_NODES = 200_000;

/**
 * Trees per generated function. V8 optimises a function with the type feedback of the branches
 * that have run, so a branch taken for the first time deoptimises it; re-optimising one function
 * holding a whole forest (~50 KB of source) cost ~0.5 s of compiler time each time, dozens of
 * times under collector load. Parts of a few trees recompile cheaply: in a collector-like run
 * (30,000 batches of 10 events) the process used ~40 % less CPU, for ~10 % fewer events/s once
 * every path is warm (bench engine).
 */
const TREES_PER_FUNCTION = 8;

const num = (x: number): string => {
  if (typeof x !== "number" || Number.isNaN(x)) throw new Error("not a number in a tree");
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  return Object.is(x, -0) ? "-0" : x.toString();
};

function inBitset(bits: Uint32Array, start: number, words: number, v: number): boolean {
  if (!Number.isInteger(v) || v < 0 || v >= words * 32) return false;
  return ((bits[start + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
}

function nodeCode(t: Tree, n: number, sets: ((v: number) => boolean)[], depth: number): string {
  if (depth > 64) throw new Error("tree too deep to compile");
  const f = t.feature[n]!;
  if (f < 0) return num(t.value[n]!);
  if (!Number.isInteger(f) || f > 1_000_000) throw new Error("bad feature index");
  const left = nodeCode(t, t.left[n]!, sets, depth + 1);
  const right = nodeCode(t, t.right[n]!, sets, depth + 1);
  const missLeft = t.missingLeft[n] === 1;
  const v = `x[${f}]`;
  let test: string;
  if (t.catWords[n]! === 1) {
    // One word of categories (the common case): an inline bit test on a constant mask, as
    // inBitset does it (an integer in 0..31), without a call per node.
    const mask = t.catBits[t.catStart[n]!]! >>> 0;
    if (!Number.isInteger(mask)) throw new Error("bad category mask");
    test = `(${v} !== ${v} ? ${missLeft} : (${v} >>> 0) === ${v} && ${v} < 32 && ((${mask} >>> ${v}) & 1) === 1)`;
  } else if (t.catWords[n]! > 0) {
    const start = t.catStart[n]!;
    const words = t.catWords[n]!;
    sets.push((value) => inBitset(t.catBits, start, words, value));
    test = `(${v} !== ${v} ? ${missLeft} : k${sets.length - 1}(${v}))`;
  } else {
    const thr = num(t.threshold[n]!);
    // NaN fails every comparison, so it goes right unless missing values go left.
    test = missLeft ? `(${v} <= ${thr} || ${v} !== ${v})` : `${v} <= ${thr}`;
  }
  return `(${test} ? ${left} : ${right})`;
}

/** The raw score (log-odds) as a compiled function, or null when the model cannot be compiled. */
export function compileGbdtRaw(model: GbdtModel): ((x: Float64Array) => number) | null {
  let nodes = 0;
  for (const t of model.trees) nodes += t.feature.length;
  if (nodes > MAX_NODES) return null;
  try {
    const sets: ((v: number) => boolean)[] = [];
    const parts: string[] = [];
    for (let i = 0; i < model.trees.length; i += TREES_PER_FUNCTION) {
      const trees = model.trees.slice(i, i + TREES_PER_FUNCTION);
      const sum = trees.map((t) => `s += ${nodeCode(t, 0, sets, 0)};`).join(" ");
      parts.push(`function p${parts.length}(x, s) { ${sum} return s; }`);
    }
    const body = [
      sets.length > 0 ? `const ${sets.map((_, i) => `k${i} = K[${i}]`).join(", ")};` : "",
      ...parts,
      "return function forest(x) {",
      `let s = ${num(model.baseScore)};`,
      // Each part adds its trees to the running sum: the same additions in the same order.
      ...parts.map((_, i) => `s = p${i}(x, s);`),
      "return s;",
      "};",
    ].join("\n");
    return new Function("K", body)(sets) as (x: Float64Array) => number;
  } catch {
    return null;
  }
}

/** Probability as predictGbdtProba computes it, through the compiled forest when possible. */
export function compileGbdtProba(model: GbdtModel): (x: Float64Array) => number {
  const raw = compileGbdtRaw(model) ?? ((x: Float64Array) => predictGbdtRaw(model, x));
  const cal = model.calibration;
  return cal === null ? (x) => sigmoid(raw(x)) : (x) => applyCalibrator(cal, raw(x));
}
