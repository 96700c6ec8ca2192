/**
 * Runtime validation compiled from the TypeBox schemas in events.ts.
 * Unknown fields are dropped (Value.Clean) before the strict check, so a newer tag talking to
 * an older server still gets its known fields accepted.
 */
import type { TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { Value } from "@sinclair/typebox/value";
import { Batch, Event } from "./events.ts";
import { EventLine } from "./stream.ts";

export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. "/events/3/items/0/price". */
  path: string;
  message: string;
}

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
    for (const e of check.Errors(cleaned)) {
      issues.push({ path: e.path, message: e.message });
      if (issues.length >= MAX_ISSUES) break;
    }
    return { ok: false, issues };
  };
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
