/**
 * Code generation for the common shapes of a condition. Closures composed at compile time are
 * fast alone, but when a site evaluates dozens of conditions per event every property read
 * happens in the same shared helper, whose inline cache goes megamorphic. Here each condition
 * gets a function of its own (own inline caches): logic and path reads are generated, leaves
 * that are not simple comparisons call the closures of compile.ts.
 *
 * Security: no user text is ever spliced into code as code. Keys become JSON string literals
 * (JSON.stringify is a complete escaper for JavaScript string literals) and every value,
 * including literals, is passed in as a constant (c0, c1, …), never written into the source.
 */
import { compilePath, concatString, isOperatorObject, plainPath } from "./compare.ts";
import { type CompileCtx, type CondFn, conditionList } from "./nodes.ts";
import { compileOperator } from "./operators.ts";
import { isPlainObject } from "./validate-ops.ts";

/** Beyond these sizes the closure compiler is used instead (generated code would be huge). */
const MAX_CONSTANTS = 2000;
const MAX_SOURCE = 100_000;
/** Reading from this when attributes are not an object makes every path missing (null). */
const EMPTY: object = Object.freeze(Object.create(null));
const INLINE_COMPARE: Record<string, string> = {
  $eq: "===",
  $ne: "!==",
  $lt: "<",
  $lte: "<=",
  $gt: ">",
  $gte: ">=",
};

class Generator {
  readonly consts: unknown[] = [];
  temps = 0;
  constructor(readonly ctx: CompileCtx) {}

  constant(x: unknown): string {
    this.consts.push(x);
    return `c${this.consts.length - 1}`;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  /** A closure-compiled sub-condition, called on the same object. */
  closure(cond: unknown, depth: number): string {
    return `${this.constant(this.ctx.cond(cond, depth, this.ctx))}(a, g)`;
  }

  cond(cond: unknown, depth: number): string {
    if (depth > this.ctx.maxDepth) {
      this.ctx.tooDeep = true;
      return "false";
    }
    if (cond === null || typeof cond !== "object" || Array.isArray(cond))
      return this.closure(cond, depth);
    const parts: string[] = [];
    for (const [key, v] of Object.entries(cond)) {
      if (key === "$and" || key === "$or" || key === "$nor") {
        const list = conditionList(v);
        if (list === null) {
          parts.push(this.closure({ [key]: v }, depth));
          continue;
        }
        const xs = list.map((c) => this.cond(c, depth + 1));
        if (key === "$and") parts.push(xs.length === 0 ? "true" : `(${xs.join(" && ")})`);
        else if (key === "$or") parts.push(xs.length === 0 ? "true" : `(${xs.join(" || ")})`);
        else parts.push(xs.length === 0 ? "false" : `!(${xs.join(" || ")})`);
      } else if (key === "$not") {
        parts.push(`!(${this.cond(v, depth + 1)})`);
      } else if (key.charCodeAt(0) === 36 /* $ */) {
        parts.push(this.closure({ [key]: v }, depth)); // $savedGroup and unknown operators
      } else {
        parts.push(this.path(key, v, depth));
      }
    }
    return parts.length === 0 ? "true" : parts.length === 1 ? parts[0]! : `(${parts.join(" && ")})`;
  }

  /** Reads the path into a temp, then tests it. */
  private path(key: string, v: unknown, depth: number): string {
    const t = this.temp();
    const parts = key.split(".");
    let read: string;
    if (parts.length === 1 && plainPath(parts)) {
      const k = JSON.stringify(key);
      read = `(${t} = o[${k}], ${t} === undefined && !(${k} in o) && (${t} = null))`;
    } else {
      read = `(${t} = ${this.constant(compilePath(key))}(a))`;
    }
    return `(${read}, ${this.value(t, v, depth + 1)})`;
  }

  private value(t: string, v: unknown, depth: number): string {
    if (typeof v === "string") {
      const c = this.constant(v);
      return `(typeof ${t} === "string" ? ${t} === ${c} : ${this.constant(concatString)}(${t}) === ${c})`;
    }
    if (typeof v === "number") {
      const c = this.constant(v);
      return `(typeof ${t} === "number" ? ${t} === ${c} : ${t} * 1 === ${c})`;
    }
    if (isPlainObject(v) && isOperatorObject(v)) {
      const tests = Object.entries(v).map(([op, x]) => {
        const cmp = INLINE_COMPARE[op];
        if (cmp) return `${t} ${cmp} ${this.constant(x)}`;
        if (op === "$exists")
          return x
            ? `(${t} !== null && ${t} !== undefined)`
            : `(${t} === null || ${t} === undefined)`;
        return `${this.constant(compileOperator(op, x, depth, this.ctx))}(${t}, g)`;
      });
      return tests.length === 1 ? tests[0]! : `(${tests.join(" && ")})`;
    }
    return `${this.constant(this.ctx.value(v, depth, this.ctx))}(${t}, g)`;
  }
}

/** A generated CondFn for `cond`, or null when the closure compiler should be used. */
export function generateCondition(cond: unknown, ctx: CompileCtx): CondFn | null {
  const gen = new Generator(ctx);
  const expr = gen.cond(cond, 0);
  if (ctx.tooDeep || gen.consts.length > MAX_CONSTANTS || expr.length > MAX_SOURCE) return null;
  const names = gen.consts.map((_, i) => `c${i} = C[${i}]`);
  const temps = Array.from({ length: gen.temps }, (_, i) => `t${i}`);
  const body = [
    names.length > 0 ? `const ${names.join(", ")};` : "",
    "return function condition(a, g) {",
    '  const o = a !== null && typeof a === "object" ? a : E;',
    temps.length > 0 ? `  let ${temps.join(", ")};` : "",
    `  return ${expr};`,
    "};",
  ].join("\n");
  // Generated from structure only; see the file comment.
  return new Function("C", "E", body)(gen.consts, EMPTY) as CondFn;
}
