/**
 * Runtime validation compiled from the TypeBox schemas in events.ts.
 * Unknown fields are dropped (Value.Clean) before the strict check, so a newer tag talking to
 * an older server still gets its known fields accepted.
 */
import type { Issue } from "@intently/conditions";
import type { TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { type ValueError, ValueErrorType } from "@sinclair/typebox/errors";
import { Value } from "@sinclair/typebox/value";
import { Batch, Event, TEXT_PATTERN } from "./events.ts";
import { EventLine } from "./stream.ts";

/** The one `{path, message}` issue shape (declared in @intently/conditions). */
export type ValidationIssue = Issue;

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const MAX_ISSUES = 10;

/**
 * The same schema with `additionalProperties: false` on every object: input that passes it has
 * no unknown fields, so the (costly) Value.Clean walk can be skipped — the common case for the
 * tag, which sends exactly the schema's fields.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string | symbol, unknown> = {};
  for (const k of Reflect.ownKeys(schema))
    out[k] = strict((schema as Record<string | symbol, unknown>)[k]);
  const keyed = out.properties !== undefined || out.patternProperties !== undefined;
  if (out.type === "object" && keyed && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function validator<S extends TSchema>(schema: S) {
  const check = TypeCompiler.Compile(schema);
  const exact = TypeCompiler.Compile(strict(schema) as S);
  return (input: unknown): Validated<import("@sinclair/typebox").Static<S>> => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return { ok: false, issues: [{ path: "", message: "expected a JSON object" }] };
    }
    if (exact.Check(input)) return { ok: true, value: input };
    const cleaned = Value.Clean(schema, structuredCloneSafe(input));
    if (check.Check(cleaned)) return { ok: true, value: cleaned };
    const issues: ValidationIssue[] = [];
    for (const e of located(check.Errors(cleaned))) {
      issues.push({ path: e.path, message: messageOf(e) });
      if (issues.length >= MAX_ISSUES) break;
    }
    return { ok: false, issues };
  };
}

/**
 * Errors that name the field: a union's "Expected union value" (an event is a union of its
 * types) is replaced by the errors of the variant whose `type` matched, when one did.
 */
function* located(errors: Iterable<ValueError>, depth = 0): Generator<ValueError> {
  for (const e of errors) {
    if (e.type !== ValueErrorType.Union || depth > 4) {
      yield e;
      continue;
    }
    const typePath = `${e.path}/type`;
    let chosen: ValueError[] | undefined;
    for (const variant of e.errors) {
      const list: ValueError[] = [];
      for (const v of variant) if (list.push(v) >= MAX_ISSUES) break;
      if (!list.some((v) => v.path === typePath)) {
        chosen = list;
        break;
      }
    }
    if (chosen) yield* located(chosen, depth + 1);
    else yield e;
  }
}

function messageOf(e: ValueError): string {
  if (e.type === ValueErrorType.StringPattern && e.schema.pattern === TEXT_PATTERN)
    return "must not contain NUL or unpaired surrogate characters";
  return e.message;
}

/** Value.Clean mutates; input parsed from JSON is ours to mutate, anything else is copied. */
function structuredCloneSafe(input: object): object {
  return Object.getPrototypeOf(input) === Object.prototype ? input : structuredClone(input);
}

export const validateBatch = validator(Batch);
export const validateEvent = validator(Event);
export const validateEventLine = validator(EventLine);

/** The published JSON Schema of a collect request body. */
export function batchJsonSchema(): object {
  return JSON.parse(
    JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...Batch }),
  );
}
