/* Operand checks for validateCondition, one operator at a time. */
import { isOperatorObject } from "./compare.ts";
import { regexSyntaxError, regexUnsupported } from "./regex.ts";
import type { AnalyzeOptions, ConditionError, FieldSpec, ValueOperator } from "./types.ts";

export interface Ctx {
  errors: ConditionError[];
  fields: Map<string, FieldSpec>;
  opts: AnalyzeOptions;
  err(path: string, message: string): void;
  walkValue(v: unknown, at: string, spec: FieldSpec | undefined, depth: number): void;
  walkCond(c: unknown, at: string, depth: number): void;
}

/** JSON-pointer escaping of one segment. */
export const esc = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** An object that is not null and not an array (the one such check: conditions, server). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `${typeof v} ${String(v)}`;
  return typeof v === "object" ? "an object" : typeof v;
}

const TYPES = ["string", "number", "boolean", "array", "object", "null", "undefined"];
const element = (spec: FieldSpec | undefined): FieldSpec | undefined =>
  spec ? { id: `${spec.id} element`, type: "string" } : undefined;

function scalarOperand(ctx: Ctx, v: unknown, at: string, spec: FieldSpec | undefined): void {
  if (!spec || v === null) return;
  if (spec.type === "string[]") {
    if (typeof v !== "string")
      ctx.err(at, `elements of "${spec.id}" are strings, got ${describe(v)}`);
    return;
  }
  ctx.walkValue(v, at, spec, Number.NEGATIVE_INFINITY); // a literal: type and enum checks
}

function needArrayField(ctx: Ctx, op: string, at: string, spec: FieldSpec | undefined): boolean {
  if (spec && spec.type !== "string[]") {
    ctx.err(at, `${op} needs an array field; "${spec.id}" is a ${spec.type}`);
    return false;
  }
  return true;
}

function needList(ctx: Ctx, op: string, arg: unknown, at: string): arg is unknown[] {
  if (Array.isArray(arg)) return true;
  ctx.err(at, `${op} expects an array, got ${describe(arg)}: never matches`);
  return false;
}

export function checkOperator(
  ctx: Ctx,
  op: ValueOperator,
  arg: unknown,
  at: string,
  spec: FieldSpec | undefined,
  depth: number,
): void {
  const type = spec?.type;
  switch (op) {
    case "$eq":
    case "$ne":
      if (type === "string[]") {
        ctx.err(
          at,
          `${op} compares identity and an array is never identical: use $elemMatch or $all`,
        );
      } else scalarOperand(ctx, arg, at, spec);
      return;
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      if (type === "boolean" || type === "string[]")
        ctx.err(at, `${op} needs a number or a string field`);
      else if (spec && typeof arg !== (type === "number" ? "number" : "string")) {
        ctx.err(at, `"${spec.id}" is a ${type}, got ${describe(arg)}`);
      }
      return;
    case "$in":
    case "$nin":
      if (!needList(ctx, op, arg, at)) return;
      if (op === "$in" && arg.length === 0) ctx.err(at, "$in with an empty list never matches");
      arg.forEach((x, i) => {
        scalarOperand(ctx, x, `${at}/${i}`, spec);
      });
      return;
    case "$ini":
    case "$nini":
      if (type === "number" || type === "boolean") ctx.err(at, `${op} needs a string field`);
      if (!needList(ctx, op, arg, at)) return;
      arg.forEach((x, i) => {
        const where = `${at}/${i}`;
        if (typeof x !== "string") ctx.err(where, `${op} compares strings, got ${describe(x)}`);
        else if (spec?.values && !spec.values.some((v) => v.toLowerCase() === x.toLowerCase())) {
          ctx.err(
            where,
            `${JSON.stringify(x)} is not a value of "${spec.id}" (${spec.values.join(", ")})`,
          );
        }
      });
      return;
    case "$all":
    case "$alli":
      if (!needArrayField(ctx, op, at, spec) || !needList(ctx, op, arg, at)) return;
      arg.forEach((x, i) => {
        const where = `${at}/${i}`;
        if (op === "$alli" && typeof x !== "string")
          ctx.err(where, `$alli compares strings, got ${describe(x)}`);
        else ctx.walkValue(x, where, element(spec), depth + 1);
      });
      return;
    case "$elemMatch":
      if (!needArrayField(ctx, op, at, spec)) return;
      if (arg === null || typeof arg !== "object" || Array.isArray(arg)) {
        ctx.err(at, "$elemMatch expects an object of operators or a condition");
      } else if (isOperatorObject(arg)) ctx.walkValue(arg, at, element(spec), depth + 1);
      else if (spec)
        ctx.err(at, `elements of "${spec.id}" are strings: use operators, e.g. {"$eq": "x"}`);
      return;
    case "$size":
      if (!needArrayField(ctx, op, at, spec)) return;
      if (typeof arg === "number" && !(Number.isInteger(arg) && arg >= 0)) {
        ctx.err(at, "$size expects a non-negative integer: never matches");
      } else if (typeof arg !== "number") {
        ctx.walkValue(arg, at, { id: `${spec?.id ?? "array"} size`, type: "number" }, depth + 1);
      }
      return;
    case "$exists":
      if (typeof arg !== "boolean")
        ctx.err(at, `$exists expects true or false, got ${describe(arg)}`);
      return;
    case "$type":
      if (typeof arg !== "string" || !TYPES.includes(arg)) {
        ctx.err(at, `$type expects one of ${TYPES.join(", ")}`);
      }
      return;
    case "$regex":
    case "$regexi": {
      if (type === "number" || type === "boolean" || type === "string[]") {
        ctx.err(at, `${op} needs a string field; "${spec?.id}" is a ${type}`);
      }
      if (typeof arg !== "string") {
        ctx.err(at, `${op} expects a pattern string, got ${describe(arg)}`);
        return;
      }
      const syntax = regexSyntaxError(arg, op === "$regexi");
      if (syntax) {
        ctx.err(at, `invalid regex: ${syntax}`);
        return;
      }
      const unsupported = regexUnsupported(arg, op === "$regexi");
      if (unsupported) {
        ctx.err(at, `regex not supported by the linear-time engine: ${unsupported}`);
      }
      return;
    }
    case "$veq":
    case "$vne":
    case "$vgt":
    case "$vgte":
    case "$vlt":
    case "$vlte":
      if (type !== undefined && type !== "string")
        ctx.err(at, `${op} compares versions: needs a string field`);
      if (typeof arg !== "string")
        ctx.err(at, `${op} expects a version string, got ${describe(arg)}`);
      return;
    case "$inGroup":
    case "$notInGroup":
      if (typeof arg !== "string")
        ctx.err(at, `${op} expects a saved group id, got ${describe(arg)}`);
      return;
    case "$not":
      ctx.walkValue(arg, at, spec, depth + 1);
      return;
  }
}
