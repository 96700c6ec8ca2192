/*
 * Per-path domains and the decision of one DNF term: the term's literals are grouped by path
 * and each path is decided over the kinds of value it may hold. The domain is an assumption
 * about attributes: JSON-like values (NaN, ±Infinity and explicit undefined included); a
 * catalogued field holds its type or is missing; an uncatalogued path holds a scalar, or also
 * an array / object when the conditions treat it as one.
 */
import type { Attributes, FieldSpec } from "../types.ts";
import { isPlainObject } from "../validate-ops.ts";
import { decideArray } from "./arrays.ts";
import { spend } from "./budget.ts";
import type { Literal, Term } from "./dnf.ts";
import type { Atom } from "./formula.ts";
import { allPass, type Decision, decideNumber, decideObject, tryCandidates } from "./kinds.ts";
import { decideString } from "./strings.ts";
import { versionsRefuted } from "./versions.ts";

export type Kind = "string" | "number" | "boolean" | "null" | "undefined" | "array" | "object";

export interface Domain {
  kinds: ReadonlySet<Kind>;
  enumValues?: readonly string[];
  /** Arrays hold strings only (catalogue type "string[]"). */
  stringArrays?: boolean;
}

const SCALAR: Kind[] = ["string", "number", "boolean", "null", "undefined"];

function arrayish(a: Atom): boolean {
  if (a.op === "$type") return a.arg === "array";
  if (a.op === "$literal") return Array.isArray(a.arg);
  return a.op === "$all" || a.op === "$alli" || a.op === "$elemMatch" || a.op === "$size";
}

function objectish(a: Atom): boolean {
  if (a.op === "$type") return a.arg === "object";
  return a.op === "$literal" && isPlainObject(a.arg);
}

/** Domains for every path the atoms use. */
export function buildDomains(
  atoms: readonly Atom[],
  catalogue: ReadonlyMap<string, FieldSpec>,
): Map<string, Domain> {
  const paths = new Set(atoms.map((a) => a.path));
  const out = new Map<string, Domain>();
  for (const path of paths) {
    const spec = catalogue.get(path);
    if (spec) {
      const base: Kind[] = ["null", "undefined"];
      if (spec.type === "string[]")
        out.set(path, { kinds: new Set([...base, "array"]), stringArrays: true });
      else if (spec.type === "enum") {
        const d: Domain = { kinds: new Set([...base, "string"]) };
        if (spec.values) d.enumValues = spec.values;
        out.set(path, d);
      } else out.set(path, { kinds: new Set([...base, spec.type]) });
      continue;
    }
    const kinds = new Set<Kind>(SCALAR);
    const own = atoms.filter((a) => a.path === path);
    const parent = [...paths].some((p) => p.startsWith(`${path}.`));
    if (parent || own.some(arrayish)) kinds.add("array");
    if (parent || own.some(objectish)) kinds.add("object");
    out.set(path, { kinds });
  }
  return out;
}

export const ANY_DOMAIN: Domain = { kinds: new Set<Kind>([...SCALAR, "array", "object"]) };

function decideKind(kind: Kind, d: Domain, lits: readonly Literal[]): Decision {
  switch (kind) {
    case "string":
      return decideString(lits, d.enumValues);
    case "number":
      return decideNumber(lits);
    case "array":
      return decideArray(lits, d.stringArrays === true);
    case "object":
      return decideObject(lits);
    case "boolean":
      return tryCandidates(lits, [true, false], true, "");
    case "null":
      return tryCandidates(lits, [null], true, "");
    default:
      return tryCandidates(lits, [undefined], true, "");
  }
}

const ORDER: Kind[] = ["string", "number", "boolean", "array", "object", "null", "undefined"];
const NUMBER_FIRST: Kind[] = [
  "number",
  "string",
  "boolean",
  "array",
  "object",
  "null",
  "undefined",
];

export function decidePath(d: Domain, lits: readonly Literal[]): Decision {
  if (versionsRefuted(lits)) return { s: "unsat" };
  // Only the order of the search: a numeric condition gets a number as its example.
  const numeric = lits.some((l) => typeof l.atom.arg === "number");
  let maybe: string | null = null;
  for (const kind of numeric ? NUMBER_FIRST : ORDER) {
    if (!d.kinds.has(kind)) continue;
    const r = decideKind(kind, d, lits);
    if (r.s === "sat") return r;
    if (r.s === "maybe") maybe ??= `${r.why} on ${kind} values`;
  }
  return maybe === null ? { s: "unsat" } : { s: "maybe", why: maybe };
}

export type TermResult =
  | { s: "sat"; witness: Attributes }
  | { s: "unsat"; path: string }
  | { s: "maybe"; why: string };

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Attributes holding each value at its path; null when paths nest inside one another. */
export function assemble(values: ReadonlyMap<string, unknown>): Attributes | null {
  const paths = [...values.keys()];
  if (paths.some((p) => paths.some((q) => q.startsWith(`${p}.`)))) return null;
  const out: Attributes = {};
  for (const [path, v] of values) {
    if (v === null) continue; // missing reads as null
    const parts = path.split(".");
    let cur: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i] as string;
      let next = Object.hasOwn(cur, key) ? cur[key] : undefined;
      if (next === undefined) {
        next = {};
        setOwn(cur, key, next);
      }
      cur = next as Record<string, unknown>;
    }
    setOwn(cur, parts[parts.length - 1] as string, v);
  }
  return out;
}

export function decideTerm(term: Term, domains: ReadonlyMap<string, Domain>): TermResult {
  spend(1 + term.size);
  const byPath = new Map<string, Literal[]>();
  for (const lit of term.values()) {
    const list = byPath.get(lit.atom.path);
    if (list) list.push(lit);
    else byPath.set(lit.atom.path, [lit]);
  }
  const values = new Map<string, unknown>();
  let maybe: string | null = null;
  for (const [path, lits] of byPath) {
    const r = decidePath(domains.get(path) ?? ANY_DOMAIN, lits);
    if (r.s === "unsat") return { s: "unsat", path };
    if (r.s === "maybe") maybe ??= `"${path}": ${r.why}`;
    else values.set(path, r.value);
  }
  if (maybe !== null) return { s: "maybe", why: maybe };
  const witness = assemble(values);
  if (witness === null) return { s: "maybe", why: "paths nested inside one another" };
  return { s: "sat", witness };
}

export { allPass };
