/**
 * The integration form's values, the client-side checks (the same rules the API applies, so
 * most mistakes are caught before a request), and the request bodies. Secrets are never
 * pre-filled: an empty secret on an edit keeps the stored one.
 */

import type { Issue } from "../../api/client.ts";
import type { Integration } from "../../api/types.ts";
import { DESTINATION_FIELDS, EXPORT_FORMATS, type FieldSpec, kindSpec, REDACTED } from "./kinds.ts";

export type Value = string | boolean | string[];
export type Values = Record<string, Value>;
export type Errors = Record<string, string>;

const NAME_MAX = 120;

const text = (v: Value | undefined): string => (typeof v === "string" ? v.trim() : "");

/** Empty values for a new integration of `kind`. */
export function emptyValues(kind: string): Values {
  const values: Values = { name: "", enabled: true };
  for (const f of kindSpec(kind)?.fields ?? [])
    values[f.name] =
      f.type === "checkbox" ? false : f.type === "formats" ? [...EXPORT_FORMATS] : "";
  return values;
}

/** An integration's values for editing: defaults shown empty, secrets never filled in. */
export function valuesOf(i: Integration): Values {
  const values: Values = { name: i.name, enabled: i.enabled };
  for (const f of kindSpec(i.kind)?.fields ?? []) {
    const v = i.config[f.name];
    if (f.type === "secret") values[f.name] = "";
    else if (f.type === "checkbox") values[f.name] = v === true;
    else if (f.type === "formats")
      values[f.name] = Array.isArray(v) ? v.map(String) : [...EXPORT_FORMATS];
    else if (f.type === "list") values[f.name] = Array.isArray(v) ? v.join(", ") : "";
    else {
      const s = v === undefined || v === null ? "" : String(v);
      values[f.name] = s === f.defaultValue ? "" : s;
    }
  }
  return values;
}

export const listOf = (v: Value | undefined): string[] =>
  text(v)
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

const sameUrl = (a: string, b: unknown) =>
  typeof b === "string" && a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

/** Whether the edit moves the destination (then every secret must be entered again). */
export function movesDestination(values: Values, original: Integration | null): boolean {
  if (!original) return false;
  return DESTINATION_FIELDS.some((f) => {
    const spec = kindSpec(original.kind)?.fields.find((x) => x.name === f);
    if (!spec) return false;
    const now = text(values[f]) || spec.defaultValue || "";
    return !sameUrl(now, original.config[f]);
  });
}

function checkField(f: FieldSpec, v: Value | undefined, editing: boolean, moved: boolean) {
  if (f.type === "checkbox") return null;
  if (f.type === "formats")
    return Array.isArray(v) && v.length > 0 ? null : "Choose at least one format.";
  if (f.type === "list") {
    const ids = listOf(v);
    if (f.max !== undefined && ids.length > f.max) return `At most ${f.max} segments.`;
    const long = ids.find((s) => s.length > (f.maxLength ?? 128));
    return long ? `“${long.slice(0, 20)}…” is too long for a segment id.` : null;
  }
  const s = text(v);
  if (s === "") {
    if (!f.required) return null;
    // A stored secret is kept unless the destination moves.
    if (f.type === "secret" && editing && !moved) return null;
    if (f.type === "secret" && moved) return `${f.label} is needed again when the URL changes.`;
    return `${f.label} is required.`;
  }
  if (f.type === "secret" && s === REDACTED) return `Enter the ${f.label.toLowerCase()} itself.`;
  if (f.maxLength !== undefined && s.length > f.maxLength)
    return `${f.label} is at most ${f.maxLength} characters.`;
  if (f.minLength !== undefined && s.length < f.minLength)
    return `${f.label} must be at least ${f.minLength} characters.`;
  if (f.type === "url" && !isHttpUrl(s)) return `${f.label} must be an http:// or https:// URL.`;
  if (f.type === "number") {
    const n = Number(s);
    if (!Number.isInteger(n) || n < (f.min ?? -Infinity) || n > (f.max ?? Infinity))
      return `${f.label} must be a whole number from ${f.min} to ${f.max}.`;
  }
  if (f.pattern && !f.pattern.test(s)) return `${f.label} must be ${f.patternMessage}.`;
  if (f.name === "folder" && !/^(\/|[A-Za-z]:[\\/])/.test(s))
    return `${f.label} must be an absolute path.`;
  return null;
}

/** Field → message for every problem (empty when the form can be sent). */
export function checkValues(kind: string, values: Values, original: Integration | null): Errors {
  const errors: Errors = {};
  const name = text(values.name);
  if (name === "") errors.name = "Name is required.";
  else if (name.length > NAME_MAX) errors.name = `Name is at most ${NAME_MAX} characters.`;
  const spec = kindSpec(kind);
  if (!spec) return { kind: "Choose a kind." };
  const moved = movesDestination(values, original);
  for (const f of spec.fields) {
    const e = checkField(f, values[f.name], original !== null, moved);
    if (e) errors[f.name] = e;
  }
  return errors;
}

/**
 * The `config` to send. Creating: empty optional fields are left out (the API's defaults).
 * Editing (merged over the stored one by the API): an emptied field sends its default, and an
 * empty secret is left out so the stored one is kept.
 */
export function configOf(kind: string, values: Values, editing: boolean): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of kindSpec(kind)?.fields ?? []) {
    const v = values[f.name];
    if (f.type === "checkbox") config[f.name] = v === true;
    else if (f.type === "formats") config[f.name] = Array.isArray(v) ? v : [];
    else if (f.type === "list") config[f.name] = listOf(v);
    else {
      const s = text(v);
      const value = s !== "" ? s : editing && f.type !== "secret" ? f.defaultValue : undefined;
      if (value !== undefined) config[f.name] = f.type === "number" ? Number(value) : value;
    }
  }
  return config;
}

/** The API's located issues ("/body/config/url") as field errors. */
export function errorsFromIssues(issues: Issue[]): Errors {
  const errors: Errors = {};
  for (const i of issues) {
    const field = i.path.split("/").filter(Boolean).pop() ?? "";
    const key = field === "config" || field === "body" || field === "" ? "form" : field;
    errors[key] = errors[key] ? `${errors[key]} ${i.message}` : i.message;
  }
  return errors;
}
