/*
 * Disjunctive normal form: a list of terms (conjunctions of literals), negations pushed to the
 * atoms. An empty list is false; a list holding an empty term is true. Terms holding an atom
 * and its negation are dropped as they are built. Beyond `max` terms the answer is null.
 */
import type { Atom, Formula } from "./formula.ts";

export interface Literal {
  atom: Atom;
  neg: boolean;
}

/** Literals keyed by atom key: one literal per atom. */
export type Term = Map<string, Literal>;

function merge(x: Term, y: Term): Term | null {
  const out = new Map(x);
  for (const [key, lit] of y) {
    const prev = out.get(key);
    if (prev === undefined) out.set(key, lit);
    else if (prev.neg !== lit.neg) return null; // A and not A
  }
  return out;
}

function signature(t: Term): string {
  return [...t.entries()]
    .map(([k, l]) => (l.neg ? `!${k}` : k))
    .sort()
    .join("\u0001");
}

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const s = signature(t);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

export function toDnf(f: Formula, max: number, neg = false): Term[] | null {
  switch (f.k) {
    case "const":
      return f.v !== neg ? [new Map()] : [];
    case "atom":
      return [new Map([[f.a.key, { atom: f.a, neg }]])];
    case "not":
      return toDnf(f.c, max, !neg);
    default: {
      const conjunctive = (f.k === "and") !== neg;
      if (conjunctive) {
        let acc: Term[] = [new Map()];
        for (const child of f.c) {
          const d = toDnf(child, max, neg);
          if (d === null) return null;
          const next: Term[] = [];
          for (const x of acc) {
            for (const y of d) {
              const m = merge(x, y);
              if (m) next.push(m);
            }
            if (next.length > max * 4) return null;
          }
          acc = dedupe(next);
          if (acc.length === 0) return [];
          if (acc.length > max) return null;
        }
        return acc;
      }
      const out: Term[] = [];
      for (const child of f.c) {
        const d = toDnf(child, max, neg);
        if (d === null) return null;
        for (const t of d) {
          if (t.size === 0) return [new Map()]; // a true disjunct
          out.push(t);
        }
        if (out.length > max) return null;
      }
      return dedupe(out);
    }
  }
}
