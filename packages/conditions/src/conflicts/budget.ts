/*
 * A deterministic bound on the work of one pair's analysis (issue 13): the expensive loops
 * (normal-form expansion, term decisions, literal evaluations, array-class enumeration) spend
 * steps, and once MAX_PAIR_STEPS are spent the pair is "unknown" ("too complex to decide").
 * Counted in steps, not milliseconds, so a verdict never depends on the machine or its load.
 * The counter is scoped by `withBudget` (the analysis is synchronous: nothing interleaves).
 */

/**
 * Steps one pair may spend: the worst crafted pair then costs a few ms here (a step is well
 * under 1 µs), while ordinary segments, and nearly all the generated conditions of the property
 * tests, spend under 2,000.
 */
export const MAX_PAIR_STEPS = 10_000;

export class BudgetSpent extends Error {
  constructor() {
    super("too complex to decide");
  }
}

let left = Number.POSITIVE_INFINITY;

/** Spends n steps of the current budget; throws BudgetSpent once it is gone. */
export function spend(n = 1): void {
  left -= n;
  if (left < 0) throw new BudgetSpent();
}

/** Steps to evaluate the literals once: a test on a list walks (part of) the list. */
export function testCost(lits: readonly { atom: { arg: unknown } }[]): number {
  let n = 0;
  for (const { atom } of lits) n += 1 + (Array.isArray(atom.arg) ? atom.arg.length >> 3 : 0);
  return n;
}

/** Runs `work` with `steps` to spend (the outer budget is restored afterwards). */
export function withBudget<T>(steps: number, work: () => T): T {
  const outer = left;
  left = steps;
  try {
    return work();
  } finally {
    left = outer;
  }
}
