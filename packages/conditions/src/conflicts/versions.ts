/*
 * $veq…$vlte compare paddedVersionString(value), a single string per value, so version
 * literals on one path conflict exactly when the constraints on that string are unsatisfiable,
 * whatever the value's type (e.g. $vgt "1.0.0" with $vlt "0.5.0").
 */
import { paddedVersionString } from "../compare.ts";
import type { Literal } from "./dnf.ts";

const FLIP: Record<string, string> = {
  $veq: "$vne",
  $vne: "$veq",
  $vgt: "$vlte",
  $vgte: "$vlt",
  $vlt: "$vgte",
  $vlte: "$vgt",
};

export function versionsRefuted(lits: readonly Literal[]): boolean {
  let lo: { v: string; open: boolean } | null = null;
  let hi: { v: string; open: boolean } | null = null;
  const eq = new Set<string>();
  const ne = new Set<string>();
  for (const { atom, neg } of lits) {
    if (!(atom.op in FLIP)) continue;
    const op = neg ? (FLIP[atom.op] as string) : atom.op;
    const c = paddedVersionString(atom.arg);
    if (op === "$veq") eq.add(c);
    else if (op === "$vne") ne.add(c);
    else if (op === "$vgt" || op === "$vgte") {
      const open = op === "$vgt";
      if (lo === null || c > lo.v || (c === lo.v && open)) lo = { v: c, open };
    } else {
      const open = op === "$vlt";
      if (hi === null || c < hi.v || (c === hi.v && open)) hi = { v: c, open };
    }
  }
  if (eq.size > 1) return true;
  const inside = (x: string) =>
    (lo === null || x > lo.v || (x === lo.v && !lo.open)) &&
    (hi === null || x < hi.v || (x === hi.v && !hi.open));
  for (const e of eq) if (ne.has(e) || !inside(e)) return true;
  if (lo !== null && hi !== null) {
    if (lo.v > hi.v || (lo.v === hi.v && (lo.open || hi.open))) return true;
  }
  return false;
}
