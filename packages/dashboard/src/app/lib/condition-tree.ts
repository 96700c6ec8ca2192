/**
 * The builder's model of a condition — groups (AND / OR) of rules (field, operator, value) — and
 * its conversion to and from the GrowthBook-style JSON the API stores. Conditions the visual
 * builder cannot show (e.g. $nor, $not, arrays compared whole) parse to null: the raw JSON view
 * edits them instead. Pure: the field types come from the caller.
 */
import type { DataPointType } from "./catalogue-types.ts";

export type RuleOp =
  | "eq"
  | "ne"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "in"
  | "nin"
  | "exists"
  | "notExists"
  | "contains"
  | "regex"
  | "isTrue"
  | "isFalse"
  | "has"
  | "hasAny"
  | "hasAll"
  | "isEmpty";

export type RuleValue = string | number | string[] | null;

export interface Rule {
  kind: "rule";
  id: string;
  field: string;
  op: RuleOp;
  value: RuleValue;
}

export interface Group {
  kind: "group";
  id: string;
  join: "and" | "or";
  children: Node[];
}

export type Node = Rule | Group;
export type TypeOf = (field: string) => DataPointType | undefined;

let seq = 0;
export const nodeId = (): string => `n${++seq}`;

export const rule = (field = "", op: RuleOp = "eq", value: RuleValue = null): Rule => ({
  kind: "rule",
  id: nodeId(),
  field,
  op,
  value,
});

export const group = (join: "and" | "or" = "and", children: Node[] = []): Group => ({
  kind: "group",
  id: nodeId(),
  join,
  children,
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The literal text of a regex made by escapeRegex, or null when it has live metacharacters. */
function unescapeRegex(s: string): string | null {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      const n = s[i + 1];
      if (n === undefined || !/[.*+?^${}()|[\]\\/]/.test(n)) return null;
      out += n;
      i++;
    } else if (/[.*+?^${}()|[\]]/.test(c)) return null;
    else out += c;
  }
  return out;
}

const list = (v: RuleValue): string[] | null => (Array.isArray(v) && v.length > 0 ? v : null);
const numeric = (v: RuleValue): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** The rule's JSON value under its field, or null while the rule is incomplete. */
export function ruleJson(r: Rule, type: DataPointType | undefined): unknown | null {
  if (!r.field) return null;
  const v = r.value;
  const scalar = type === "number" ? numeric(v) : typeof v === "string" ? v : null;
  switch (r.op) {
    case "eq":
      return scalar;
    case "ne":
      return scalar === null ? null : { $ne: scalar };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return numeric(v) === null ? null : { [`$${r.op}`]: v };
    case "in":
    case "hasAny":
      return list(v) ? { $in: v } : null;
    case "nin":
      return list(v) ? { $nin: v } : null;
    case "hasAll":
      return list(v) ? { $all: v } : null;
    case "exists":
      return { $exists: true };
    case "notExists":
      return { $exists: false };
    case "contains":
      return typeof v === "string" && v !== "" ? { $regexi: escapeRegex(v) } : null;
    case "regex":
      return typeof v === "string" && v !== "" ? { $regex: v } : null;
    case "isTrue":
      return true;
    case "isFalse":
      return false;
    case "has":
      return typeof v === "string" && v !== "" ? { $elemMatch: { $eq: v } } : null;
    case "isEmpty":
      return { $size: 0 };
  }
}

/** The group as a condition: AND of distinct plain fields becomes one object. */
export function toCondition(g: Group, typeOf: TypeOf): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [];
  for (const c of g.children) {
    if (c.kind === "group") {
      const sub = toCondition(c, typeOf);
      if (Object.keys(sub).length > 0) parts.push(sub);
    } else {
      const v = ruleJson(c, typeOf(c.field));
      if (v !== null) parts.push({ [c.field]: v });
    }
  }
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0]!;
  if (g.join === "or") return { $or: parts };
  const keys = parts.flatMap((p) => Object.keys(p));
  const mergeable = !keys.some((k) => k.startsWith("$")) && new Set(keys).size === keys.length;
  return mergeable ? Object.assign({}, ...parts) : { $and: parts };
}

function rulesOf(field: string, v: unknown, type: DataPointType | undefined): Rule[] | null {
  if (typeof v === "boolean") return [rule(field, v ? "isTrue" : "isFalse")];
  if (typeof v === "string" || typeof v === "number") return [rule(field, "eq", v)];
  if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
  const out: Rule[] = [];
  for (const [op, x] of Object.entries(v)) {
    const strs = Array.isArray(x) && x.every((e) => typeof e === "string") ? (x as string[]) : null;
    if ((op === "$eq" || op === "$ne") && (typeof x === "string" || typeof x === "number"))
      out.push(rule(field, op === "$eq" ? "eq" : "ne", x));
    else if (["$gt", "$gte", "$lt", "$lte"].includes(op) && typeof x === "number")
      out.push(rule(field, op.slice(1) as RuleOp, x));
    else if (op === "$in" && strs)
      out.push(rule(field, type === "string[]" ? "hasAny" : "in", strs));
    else if (op === "$nin" && strs) out.push(rule(field, "nin", strs));
    else if (op === "$all" && strs) out.push(rule(field, "hasAll", strs));
    else if (op === "$exists" && typeof x === "boolean")
      out.push(rule(field, x ? "exists" : "notExists"));
    else if (op === "$regex" && typeof x === "string") out.push(rule(field, "regex", x));
    else if (op === "$regexi" && typeof x === "string" && unescapeRegex(x) !== null)
      out.push(rule(field, "contains", unescapeRegex(x)));
    else if (op === "$size" && x === 0) out.push(rule(field, "isEmpty"));
    else if (
      op === "$elemMatch" &&
      x &&
      typeof x === "object" &&
      typeof (x as { $eq?: unknown }).$eq === "string" &&
      Object.keys(x).length === 1
    )
      out.push(rule(field, "has", (x as { $eq: string }).$eq));
    else return null;
  }
  return out.length > 0 ? out : null;
}

/** The builder tree of a condition, or null when the visual builder cannot show it. */
export function fromCondition(
  c: unknown,
  typeOf: TypeOf,
  join: "and" | "or" = "and",
): Group | null {
  if (c === null || typeof c !== "object" || Array.isArray(c)) return null;
  const g = group(join);
  for (const [k, v] of Object.entries(c)) {
    if (k === "$and" || k === "$or") {
      if (!Array.isArray(v)) return null;
      const sub = group(k === "$and" ? "and" : "or");
      for (const item of v) {
        const part = fromCondition(item, typeOf);
        if (!part) return null;
        sub.children.push(part.children.length === 1 ? part.children[0]! : part);
      }
      if (sub.join === "and" && join === "and") g.children.push(...sub.children);
      else g.children.push(sub);
    } else if (k.startsWith("$")) return null;
    else {
      const rules = rulesOf(k, v, typeOf(k));
      if (!rules) return null;
      g.children.push(...rules);
    }
  }
  return g;
}

/** Rules with a field but no usable value yet. */
export function incompleteRules(g: Group, typeOf: TypeOf): Rule[] {
  const out: Rule[] = [];
  for (const c of g.children) {
    if (c.kind === "group") out.push(...incompleteRules(c, typeOf));
    else if (ruleJson(c, typeOf(c.field)) === null) out.push(c);
  }
  return out;
}

/** Like fromCondition, but a lone top-level group becomes the root (e.g. a plain `$or`). */
export function parseRoot(c: unknown, typeOf: TypeOf): Group | null {
  const g = fromCondition(c, typeOf);
  const only = g?.children.length === 1 ? g.children[0] : undefined;
  return only?.kind === "group" ? only : g;
}
