import type { SavedGroups } from "./types.ts";

/** A compiled test of the value found at a path. */
export type ValueFn = (value: unknown, groups: SavedGroups) => boolean;
/** A compiled test of a whole attributes object (or an array element for `$elemMatch`). */
export type CondFn = (obj: unknown, groups: SavedGroups) => boolean;

export interface CompileCtx {
  maxDepth: number;
  /** Set when the depth limit was hit: the whole condition then never matches. */
  tooDeep: boolean;
  /** Set when a node reproduces a GrowthBook throw (e.g. a null sub-condition). */
  throws: boolean;
  /**
   * The recursive compilers (compile.ts's compileCond and compileValue), carried here so that
   * operators, saved groups and codegen compile sub-conditions without importing compile.ts:
   * no import circle (issue 16).
   */
  cond(cond: unknown, depth: number, ctx: CompileCtx): CondFn;
  value(cond: unknown, depth: number, ctx: CompileCtx, insensitive?: boolean): ValueFn;
}

/**
 * The list operand of $and/$or/$nor as GrowthBook iterates it: an array, a string (its
 * characters), anything else non-null as an empty list; null when GrowthBook would throw.
 */
export function conditionList(v: unknown): unknown[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return v.split("");
  return [];
}

/**
 * Thrown by nodes where GrowthBook's evalCondition throws (a null condition inside $or, …),
 * caught by the compiled condition's single try/catch: GrowthBook throwing becomes `false`.
 */
export const GB_THROW: { readonly reason: string } = Object.freeze({ reason: "growthbook throws" });

export const yes = (): boolean => true;
export const no = (): boolean => false;

export function thrower(ctx: CompileCtx): () => never {
  ctx.throws = true;
  return () => {
    throw GB_THROW;
  };
}

export function allOf<F extends (a: unknown, g: SavedGroups) => boolean>(fns: F[]): F | typeof yes {
  if (fns.length === 0) return yes;
  if (fns.length === 1) return fns[0] as F;
  if (fns.length === 2) {
    const [f0, f1] = fns as [F, F];
    return ((a: unknown, g: SavedGroups) => f0(a, g) && f1(a, g)) as F;
  }
  return ((a: unknown, g: SavedGroups) => {
    for (let i = 0; i < fns.length; i++) if (!(fns[i] as F)(a, g)) return false;
    return true;
  }) as F;
}

/** GrowthBook's $or: an empty list is true. */
export function anyOf<F extends (a: unknown, g: SavedGroups) => boolean>(fns: F[]): F | typeof yes {
  if (fns.length === 0) return yes;
  if (fns.length === 1) return fns[0] as F;
  if (fns.length === 2) {
    const [f0, f1] = fns as [F, F];
    return ((a: unknown, g: SavedGroups) => f0(a, g) || f1(a, g)) as F;
  }
  return ((a: unknown, g: SavedGroups) => {
    for (let i = 0; i < fns.length; i++) if ((fns[i] as F)(a, g)) return true;
    return false;
  }) as F;
}

export function not<F extends (a: unknown, g: SavedGroups) => boolean>(f: F): F {
  return ((a: unknown, g: SavedGroups) => !f(a, g)) as F;
}
