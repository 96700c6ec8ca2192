/*
 * Checks a condition against a catalogue of fields: unknown fields and operators, operands of
 * the wrong type, invalid or rejected regexes, and conditions that can never match.
 * Errors carry a JSON-pointer-like path into the condition ("/$and/1/device.type/$in/2").
 */
import { isOperatorObject } from "./compare.ts";
import { satisfiable } from "./conflicts/analyze.ts";
import { MAX_DEPTH } from "./limits.ts";
import type { ConditionError, FieldSpec } from "./types.ts";
import { isValueOperator } from "./types.ts";
import { type Ctx, checkOperator, describe, esc, isPlainObject } from "./validate-ops.ts";

function checkScalar(ctx: Ctx, v: unknown, at: string, spec: FieldSpec): boolean {
  const want = spec.type === "enum" ? "string" : spec.type;
  if (spec.type === "string[]") {
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return true;
    ctx.err(
      at,
      `"${spec.id}" is an array of strings: equality compares the whole array; use $in, $all or $elemMatch for elements`,
    );
    return false;
  }
  if (typeof v !== want || (typeof v === "number" && !Number.isFinite(v))) {
    ctx.err(at, `"${spec.id}" is a ${spec.type}, got ${describe(v)}`);
    return false;
  }
  if (spec.type === "enum" && spec.values && !spec.values.includes(v as string)) {
    ctx.err(at, `${JSON.stringify(v)} is not a value of "${spec.id}" (${spec.values.join(", ")})`);
    return false;
  }
  return true;
}

function walkValue(
  ctx: Ctx,
  v: unknown,
  at: string,
  spec: FieldSpec | undefined,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    ctx.err(at, `nested deeper than ${MAX_DEPTH} levels: never matches`);
    return;
  }
  if (!isPlainObject(v) || !isOperatorObject(v)) {
    if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith("$"))) {
      ctx.err(at, "mixes operators and plain keys: it is compared as a literal object");
      return;
    }
    if (
      v === undefined ||
      typeof v === "bigint" ||
      typeof v === "function" ||
      typeof v === "symbol"
    ) {
      ctx.err(at, `${describe(v)} is not a JSON value`);
      return;
    }
    if (spec && v !== null) checkScalar(ctx, v, at, spec);
    return;
  }
  for (const [op, arg] of Object.entries(v)) {
    const where = `${at}/${esc(op)}`;
    if (!isValueOperator(op)) ctx.err(where, `unknown operator ${op}: never matches`);
    else checkOperator(ctx, op, arg, where, spec, depth);
  }
}

function walkCond(ctx: Ctx, c: unknown, at: string, depth: number): void {
  if (depth > MAX_DEPTH) {
    ctx.err(at, `nested deeper than ${MAX_DEPTH} levels: never matches`);
    return;
  }
  if (!isPlainObject(c)) {
    ctx.err(at, `a condition must be an object, got ${describe(c)}`);
    return;
  }
  for (const [key, v] of Object.entries(c)) {
    const where = `${at}/${esc(key)}`;
    if (key === "$and" || key === "$or" || key === "$nor") {
      if (!Array.isArray(v)) ctx.err(where, `${key} expects an array of conditions`);
      else if (key === "$nor" && v.length === 0)
        ctx.err(where, "$nor of an empty list never matches");
      else {
        v.forEach((x, i) => {
          walkCond(ctx, x, `${where}/${i}`, depth + 1);
        });
      }
    } else if (key === "$not") {
      walkCond(ctx, v, where, depth + 1);
    } else if (key === "$savedGroup") {
      const ref = isPlainObject(v) ? v : null;
      if (!ref || typeof ref.id !== "string") {
        ctx.err(where, '$savedGroup expects {"id": "<group id>"}: never matches');
      } else if (ref.attributeKey !== undefined && typeof ref.attributeKey !== "string") {
        ctx.err(`${where}/attributeKey`, "attributeKey must be a string: never matches");
      } else if (typeof ref.attributeKey === "string" && !ctx.fields.has(ref.attributeKey)) {
        ctx.err(`${where}/attributeKey`, `unknown field "${ref.attributeKey}"`);
      }
    } else if (isValueOperator(key)) {
      ctx.err(where, `${key} needs a field: {"field": {"${key}": …}}`);
    } else {
      const spec = ctx.fields.get(key);
      if (!spec) ctx.err(where, `unknown field "${key}"`);
      const before = ctx.errors.length;
      walkValue(ctx, v, where, spec, depth + 1);
      if (spec && ctx.errors.length === before && satisfiable({ [key]: v }, ctx.opts) === "unsat") {
        ctx.err(where, `can never match: the tests on "${key}" contradict each other`);
      }
    }
  }
}

/** Errors in the condition for this catalogue; an empty list means valid. */
export function validateCondition(
  cond: unknown,
  catalogue: readonly FieldSpec[],
): ConditionError[] {
  const ctx: Ctx = {
    errors: [],
    fields: new Map(catalogue.map((f) => [f.id, f])),
    opts: { catalogue },
    err(path, message) {
      this.errors.push({ path, message });
    },
    walkValue: (v, at, spec, depth) => walkValue(ctx, v, at, spec, depth),
    walkCond: (c, at, depth) => walkCond(ctx, c, at, depth),
  };
  try {
    walkCond(ctx, cond, "", 0);
    if (ctx.errors.length === 0 && satisfiable(cond, ctx.opts) === "unsat") {
      ctx.err("", "can never match: its clauses contradict each other");
    }
  } catch {
    ctx.err("", "the condition could not be read");
  }
  return ctx.errors;
}
