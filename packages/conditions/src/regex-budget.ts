/*
 * The per-site regex budget (MAX_SITE_REGEX_STEPS): every live segment is evaluated on every
 * event, so the compiled size of all their `$regex`/`$regexi` clauses together bounds one
 * event's worst matching cost. Pure: the caller gathers the site's live conditions.
 */
import { MAX_DEPTH, MAX_SITE_REGEX_STEPS } from "./limits.ts";
import { regexSteps } from "./regex.ts";
import type { Issue } from "./types.ts";
import { esc } from "./validate-ops.ts";

export interface RegexClause {
  /** JSON-pointer-like path in the condition, e.g. "/$and/1/pagePath/$regex". */
  path: string;
  /** Compiled program size; 0 for a pattern that never matches (never run). */
  steps: number;
}

/** Operands compared as literal values, never run as a condition. */
const LITERAL = new Set(["$eq", "$ne", "$in", "$nin"]);

/** Every `$regex`/`$regexi` clause of a condition, in document order, with its cost. */
export function regexClauses(condition: unknown): RegexClause[] {
  const out: RegexClause[] = [];
  const walk = (v: unknown, at: string, depth: number): void => {
    if (depth > MAX_DEPTH || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${at}/${i}`, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      const path = `${at}/${esc(k)}`;
      if ((k === "$regex" || k === "$regexi") && typeof x === "string") {
        out.push({ path, steps: regexSteps(x, k === "$regexi") ?? 0 });
      } else if (!LITERAL.has(k)) walk(x, path, depth + 1);
    }
  };
  walk(condition, "", 0);
  return out;
}

/** The compiled steps of all regex clauses of these conditions together. */
export function regexStepsOf(conditions: readonly unknown[]): number {
  let n = 0;
  for (const c of conditions) for (const r of regexClauses(c)) n += r.steps;
  return n;
}

/**
 * The clause of `condition` that takes the site past the budget when `used` steps are already
 * taken by its other live segments, with the message to show, or null when it fits.
 */
export function regexBudgetError(
  condition: unknown,
  used: number,
  budget = MAX_SITE_REGEX_STEPS,
): Issue | null {
  let total = used;
  for (const r of regexClauses(condition)) {
    total += r.steps;
    if (r.steps > 0 && total > budget) {
      return {
        path: r.path,
        message: `the site's regex patterns together exceed ${budget} compiled steps (${total} with this one, ${used} in its other live segments); simplify or remove one`,
      };
    }
  }
  return null;
}
