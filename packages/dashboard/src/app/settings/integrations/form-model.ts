/**
 * The integration form's values, the client-side checks and the request bodies. A field is
 * checked by the API's own rule check (`brokenRule` of @intently/integrations/fields) on the
 * value the form would send, so the form refuses what the API refuses; only the messages are
 * the form's. Secrets are never pre-filled: an empty secret on an edit keeps the stored one.
 */

import { type Broken, brokenRule } from "@intently/integrations/fields";
import type { Issue } from "../../api/client.ts";
import type { Integration } from "../../api/types.ts";
import {
  DESTINATION_FIELDS,
  EXPORT_FORMATS,
  type FieldSpec,
  INTEGRATION_NAME_MAX,
  kindSpec,
  REDACTED,
} from "./kinds.ts";

export type Value = string | boolean | string[];
export type Values = Record<string, Value>;
export type Errors = Record<string, string>;

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

/** A field's form value as the JSON the form sends (undefined: left out). */
export function sentValue(f: FieldSpec, v: Value | undefined): unknown {
  if (f.type === "checkbox") return v === true;
  if (f.type === "formats") return Array.isArray(v) ? v : [];
  if (f.type === "list") return listOf(v);
  const s = text(v);
  if (s === "") return undefined;
  return f.type === "number" ? Number(s) : s;
}

/** The form's words for a broken rule. */
function message(f: FieldSpec, b: Broken, v: Value | undefined): string {
  switch (b.rule) {
    case "required":
      return `${f.label} is required.`;
    case "maxLength":
      if (f.type === "list") {
        const long = listOf(v).find((s) => s.length > b.limit) ?? "";
        return `“${long.slice(0, 20)}…” is too long for a segment id.`;
      }
      return `${f.label} is at most ${b.limit} characters.`;
    case "items":
      return `At most ${b.limit} segments.`;
    case "range":
    case "type":
      if (f.type === "number")
        return `${f.label} must be a whole number from ${f.min} to ${f.max}.`;
      return `${f.label} is not valid.`;
    case "url":
      return `${f.label} must be an http:// or https:// URL.`;
    case "absolutePath":
      return `${f.label} must be an absolute path.`;
    case "formats":
      return "Choose at least one format.";
    case "pattern":
      return `${f.label} must be ${f.patternMessage ?? `like /${f.pattern}/`}.`;
    case "reserved":
      return `${f.label} cannot be “${b.value}”: GA4 reserves it.`;
  }
}

function checkField(f: FieldSpec, v: Value | undefined, editing: boolean, moved: boolean) {
  if (f.type === "secret" && text(v) === "") {
    // A stored secret is kept unless the destination moves.
    if (editing && !moved) return null;
    if (moved) return `${f.label} is needed again when the URL changes.`;
  }
  if (f.type === "secret" && text(v) === REDACTED)
    return `Enter the ${f.label.toLowerCase()} itself.`;
  const broken = brokenRule(f, sentValue(f, v));
  return broken ? message(f, broken, v) : null;
}

/** Field → message for every problem (empty when the form can be sent). */
export function checkValues(kind: string, values: Values, original: Integration | null): Errors {
  const errors: Errors = {};
  const name = text(values.name);
  if (name === "") errors.name = "Name is required.";
  else if (name.length > INTEGRATION_NAME_MAX)
    errors.name = `Name is at most ${INTEGRATION_NAME_MAX} characters.`;
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
    const sent = sentValue(f, values[f.name]);
    const value =
      sent !== undefined
        ? sent
        : editing && f.type !== "secret" && f.defaultValue !== undefined
          ? sentValue(f, f.defaultValue)
          : undefined;
    if (value !== undefined) config[f.name] = value;
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
