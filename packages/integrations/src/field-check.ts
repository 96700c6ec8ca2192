/**
 * The API's side of the field rules (./fields.ts): a broken rule as a ConfigError naming the
 * field, and a field's value read with its default. The connectors' `validate` starts here, so
 * a rule lives in fields.ts only.
 */
import { ga4EventNameProblem } from "./connectors/ga4-names.ts";
import { ConfigError } from "./connectors/types.ts";
import {
  type Broken,
  brokenRule,
  EXPORT_FORMATS,
  type FieldRule,
  type IntegrationKind,
  isLeftOut,
  KIND_FIELDS,
} from "./fields.ts";
import { newSecretProblem } from "./signature.ts";

const shown = (v: unknown) => {
  const s = typeof v === "string" ? v.trim() : String(v);
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
};

/** The message of a broken rule; it starts with the field's name (the API locates it by it). */
export function ruleMessage(f: FieldRule, b: Broken, v: unknown): string {
  const n = f.name;
  switch (b.rule) {
    case "required":
      return `${n} is required`;
    case "type":
      if (f.type === "number") return `${n} must be a whole number between ${f.min} and ${f.max}`;
      if (f.type === "list") return `${n} must be a list of segment ids`;
      if (f.type === "checkbox") return `${n} must be true or false`;
      return `${n} must be a text`;
    case "maxLength":
      return f.type === "list"
        ? `${n} must hold ids of at most ${b.limit} characters`
        : `${n} must be at most ${b.limit} characters`;
    case "range":
      return `${n} must be between ${b.min} and ${b.max}`;
    case "items":
      return `${n} must hold at most ${b.limit} ids`;
    case "url":
      return `${n} must be an http(s) URL`;
    case "absolutePath":
      return `${n} must be an absolute path, got ${shown(v)}`;
    case "formats":
      return `${n} must be a non-empty list of ${EXPORT_FORMATS.join(", ")}`;
    case "pattern":
    case "reserved":
      if (f.type === "secret") return newSecretProblem(String(v).trim()) ?? `${n} is not valid`;
      if (n === "eventName")
        return `${n} ${shown(v)} ${ga4EventNameProblem(String(v).trim()) ?? "is not valid"}`;
      return `${n} ${shown(v)} is not valid: /${f.pattern}/`;
  }
}

/**
 * Throws a ConfigError for the first field of `kind` whose value breaks its rule. `newSecrets`
 * false: secrets are stored ones (their pattern binds only secrets typed in now).
 */
export function checkFields(
  kind: IntegrationKind,
  raw: Record<string, unknown>,
  newSecrets = false,
): void {
  for (const f of KIND_FIELDS[kind]) {
    const b = brokenRule(f, raw[f.name], newSecrets);
    if (b) throw new ConfigError(ruleMessage(f, b, raw[f.name]));
  }
}

/** A checked field's value: trimmed text, or the rule's default when left out. */
export function fieldValue<T>(
  kind: IntegrationKind,
  raw: Record<string, unknown>,
  name: string,
): T {
  const f = KIND_FIELDS[kind].find((x) => x.name === name);
  if (!f) throw new Error(`${kind} has no field ${name}`);
  const v = raw[name];
  if (isLeftOut(v)) return (Array.isArray(f.default) ? [...f.default] : f.default) as T;
  return (typeof v === "string" ? v.trim() : v) as T;
}

/** A checked optional field without a default of its own (timeoutMs: the worker's), or undefined. */
export function givenValue<T>(raw: Record<string, unknown>, name: string): T | undefined {
  const v = raw[name];
  return isLeftOut(v) ? undefined : ((typeof v === "string" ? v.trim() : v) as T);
}

/** A checked URL field (or its default) without trailing slashes. */
export const urlOf = (kind: IntegrationKind, raw: Record<string, unknown>, name: string) =>
  fieldValue<string>(kind, raw, name).replace(/\/+$/, "");
