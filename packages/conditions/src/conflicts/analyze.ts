/*
 * Static conflict analysis of two conditions. Three satisfiability queries over the DNF of
 * A∧B, A∧¬B and B∧¬A decide disjointness and containment. "sat" answers come with concrete
 * attributes, re-checked with the compiled conditions; "unsat" answers come from exact
 * reasoning over the domain described in constraints.ts.
 */
import { compileCondition } from "../compile.ts";
import { MAX_DNF_TERMS } from "../limits.ts";
import type {
  AnalyzeOptions,
  Attributes,
  CompiledCondition,
  FieldSpec,
  NamedCondition,
  PairAnalysis,
  PairReport,
} from "../types.ts";
import { BudgetSpent, MAX_PAIR_STEPS, withBudget } from "./budget.ts";
import { buildDomains, type Domain, decideTerm } from "./constraints.ts";
import { toDnf } from "./dnf.ts";
import { and, type Formula, not, type Prepared, prepare } from "./formula.ts";
import { normalise } from "./normalise.ts";

type Query =
  | { s: "sat"; witness: Attributes }
  | { s: "unsat"; paths: string[] }
  | { s: "maybe"; why: string };

function query(
  f: Formula,
  domains: ReadonlyMap<string, Domain>,
  max: number,
  check: (w: Attributes) => boolean,
): Query {
  const terms = toDnf(f, max);
  if (terms === null) return { s: "maybe", why: `more than ${max} terms in normal form` };
  const paths = new Set<string>();
  let maybe: string | null = null;
  for (const term of terms) {
    const r = decideTerm(term, domains);
    if (r.s === "unsat") paths.add(r.path);
    else if (r.s === "maybe") maybe ??= r.why;
    else if (check(r.witness)) return { s: "sat", witness: r.witness };
    else maybe ??= "an example failed the re-check";
  }
  return maybe === null ? { s: "unsat", paths: [...paths] } : { s: "maybe", why: maybe };
}

const show = (w: Attributes): string => {
  try {
    return JSON.stringify(w, (_k, v) =>
      v === undefined
        ? "<undefined>"
        : typeof v === "number" && !Number.isFinite(v)
          ? String(v)
          : v,
    );
  } catch {
    return "(example)";
  }
};

const onPaths = (paths: string[]) =>
  paths.length === 0 ? "" : ` (conflict on ${paths.map((p) => `"${p}"`).join(", ")})`;

/** The pair's verdict within MAX_PAIR_STEPS (budget.ts); "unknown" once they are spent. */
function pair(
  pa: Prepared,
  pb: Prepared,
  catalogue: ReadonlyMap<string, FieldSpec>,
  max: number,
): PairAnalysis {
  try {
    return withBudget(MAX_PAIR_STEPS, () => decidePair(pa, pb, catalogue, max));
  } catch (e) {
    if (!(e instanceof BudgetSpent)) throw e;
    return { verdict: "unknown", detail: "too complex to decide: the analysis gave up" };
  }
}

function decidePair(
  pa: Prepared,
  pb: Prepared,
  catalogue: ReadonlyMap<string, FieldSpec>,
  max: number,
): PairAnalysis {
  if (pa.formula === null || pb.formula === null) {
    const which = pa.formula === null ? "A" : "B";
    return {
      verdict: "unknown",
      detail: `condition ${which} is malformed: GrowthBook would throw on parts of it`,
    };
  }
  const fa = pa.formula;
  const fb = pb.formula;
  const a = pa.compiled;
  const b = pb.compiled;
  const domains = buildDomains([...pa.atoms, ...pb.atoms], catalogue);

  const both = query(and([fa, fb]), domains, max, (w) => a(w) && b(w));
  if (both.s === "unsat") {
    const aNever = query(fa, domains, max, a).s === "unsat";
    const bNever = query(fb, domains, max, b).s === "unsat";
    const detail = aNever
      ? "A can never match"
      : bNever
        ? "B can never match"
        : `no attributes match both${onPaths(both.paths)}`;
    return { verdict: "disjoint", detail };
  }
  if (both.s === "maybe") return { verdict: "unknown", detail: `undecided: ${both.why}` };

  const example = both.witness;
  const aNotB = query(and([fa, not(fb)]), domains, max, (w) => a(w) && !b(w));
  const bNotA = query(and([fb, not(fa)]), domains, max, (w) => b(w) && !a(w));
  const seen = `both match e.g. ${show(example)}`;
  if (aNotB.s === "unsat" && bNotA.s === "unsat") {
    return {
      verdict: "subset",
      direction: "equal",
      detail: `A and B match the same attributes; ${seen}`,
      example,
    };
  }
  if (aNotB.s === "unsat") {
    return {
      verdict: "subset",
      direction: "a-in-b",
      detail: `whatever matches A matches B; ${seen}`,
      example,
    };
  }
  if (bNotA.s === "unsat") {
    return {
      verdict: "subset",
      direction: "b-in-a",
      detail: `whatever matches B matches A; ${seen}`,
      example,
    };
  }
  const open = [aNotB, bNotA].find((q) => q.s === "maybe");
  const detail =
    open?.s === "maybe"
      ? `${seen}; containment undecided: ${open.why}`
      : `${seen}; A without B e.g. ${show((aNotB as { witness: Attributes }).witness)}; B without A e.g. ${show((bNotA as { witness: Attributes }).witness)}`;
  return { verdict: "overlap-possible", detail, example };
}

function catalogueMap(opts: AnalyzeOptions): Map<string, FieldSpec> {
  return new Map((opts.catalogue ?? []).map((f) => [f.id, f]));
}

/** The condition as a formula in canonical form (normalise.ts): equivalent forms agree. */
function prepareOne(cond: unknown, catalogue: ReadonlyMap<string, FieldSpec>): Prepared {
  return normalise(prepare(cond, compileCondition(cond) as CompiledCondition), catalogue);
}

/** Whether some attributes match the condition: "unsat" is exact, "maybe" undecided. */
export function satisfiable(cond: unknown, opts: AnalyzeOptions = {}): "sat" | "unsat" | "maybe" {
  const catalogue = catalogueMap(opts);
  const p = prepareOne(cond, catalogue);
  if (p.formula === null) return "maybe";
  const domains = buildDomains(p.atoms, catalogue);
  return query(p.formula, domains, opts.maxTerms ?? MAX_DNF_TERMS, p.compiled).s;
}

/** Static verdict for two conditions: can they both match, does one imply the other? */
export function analyzePair(a: unknown, b: unknown, opts: AnalyzeOptions = {}): PairAnalysis {
  const catalogue = catalogueMap(opts);
  const max = opts.maxTerms ?? MAX_DNF_TERMS;
  return pair(prepareOne(a, catalogue), prepareOne(b, catalogue), catalogue, max);
}

/**
 * Verdicts pair by pair, one at a time, so that a caller can pause between pairs (the server
 * yields to its event loop). Pairs (i, j) with i < j in list order; `include` picks which are
 * analysed (default all), and each condition is compiled and normalised once, when first used.
 */
export function* analyzePairs(
  list: readonly NamedCondition[],
  opts: AnalyzeOptions & {
    include?: (a: NamedCondition, b: NamedCondition) => boolean;
  } = {},
): Generator<PairReport, void, undefined> {
  const catalogue = catalogueMap(opts);
  const max = opts.maxTerms ?? MAX_DNF_TERMS;
  const prepared: (Prepared | undefined)[] = [];
  const get = (i: number) => {
    prepared[i] ??= prepareOne((list[i] as NamedCondition).condition, catalogue);
    return prepared[i];
  };
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as NamedCondition;
      const b = list[j] as NamedCondition;
      if (opts.include && !opts.include(a, b)) continue;
      yield { a: a.id, b: b.id, ...pair(get(i), get(j), catalogue, max) };
    }
  }
}

/** Verdicts for every pair of a list of conditions (each compiled and normalised once). */
export function analyzeAll(
  list: readonly NamedCondition[],
  opts: AnalyzeOptions = {},
): { pairs: PairReport[] } {
  return { pairs: [...analyzePairs(list, opts)] };
}
