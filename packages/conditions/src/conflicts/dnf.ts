/*
 * Disjunctive normal form: a list of terms (conjunctions of literals), negations pushed to the
 * atoms. An empty list is false; a list holding an empty term is true. Terms holding an atom
 * and its negation are dropped as they are built. Beyond `max` terms the answer is null.
 */
import { spend } from "./budget.ts";
import type { Atom, Formula } from "./formula.ts";

export interface Literal {
  atom: Atom;
  neg: boolean;
}

/** Literals keyed by atom key: one literal per atom. */
export type Term = Map<string, Literal>;

function merge(x: Term, y: Term): Term | null {
  spend(1 + x.size + y.size);
  const out = new Map(x);
  for (const [key, lit] of y) {
    const prev = out.get(key);
    if (prev === undefined) out.set(key, lit);
    else if (prev.neg !== lit.neg) return null; // A and not A
  }
  return out;
}

/** Atom keys spell their operands (long for big lists): terms are compared by short ids. */
type Ids = Map<string, number>;

function signature(t: Term, ids: Ids): string {
  spend(1 + t.size);
  const out: number[] = [];
  for (const [k, l] of t) {
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    out.push(l.neg ? -id - 1 : id);
  }
  return out.sort((x, y) => x - y).join(",");
}

function dedupe(terms: Term[], ids: Ids): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const s = signature(t, ids);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

export function toDnf(f: Formula, max: number, neg = false, ids: Ids = new Map()): Term[] | null {
  switch (f.k) {
    case "const":
      return f.v !== neg ? [new Map()] : [];
    case "atom":
      return [new Map([[f.a.key, { atom: f.a, neg }]])];
    case "not":
      return toDnf(f.c, max, !neg, ids);
    default: {
      const conjunctive = (f.k === "and") !== neg;
      if (conjunctive) {
        let acc: Term[] = [new Map()];
        for (const child of f.c) {
          const d = toDnf(child, max, neg, ids);
          if (d === null) return null;
          const next: Term[] = [];
          for (const x of acc) {
            for (const y of d) {
              const m = merge(x, y);
              if (m) next.push(m);
            }
            if (next.length > max * 4) return null;
          }
          acc = dedupe(next, ids);
          if (acc.length === 0) return [];
          if (acc.length > max) return null;
        }
        return acc;
      }
      const out: Term[] = [];
      for (const child of f.c) {
        const d = toDnf(child, max, neg, ids);
        if (d === null) return null;
        for (const t of d) {
          if (t.size === 0) return [new Map()]; // a true disjunct
          out.push(t);
        }
        if (out.length > max) return null;
      }
      return dedupe(out, ids);
    }
  }
}
