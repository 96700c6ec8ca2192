/**
 * Validation of a segment definition when it is saved (docs/product/segments.md#conditions): its
 * fields, and its condition against the data-point catalogue (unknown field, wrong value type,
 * impossible condition), each error naming its place ("/condition/$and/1/cartValue/$gte").
 */
import { type FieldSpec, validateCondition } from "@intently/conditions";
import { catalogueFieldSpecs } from "../catalogue/field-specs.ts";
import { isFrameworkSegmentId } from "../framework/segments.ts";
import { MATCH_METHODS, SEGMENT_STATUSES, type SegmentDefinition } from "./definition.ts";

export interface DefinitionError {
  path: string;
  message: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_NAME = 120;
const MAX_DESCRIPTION = 2000;
const MAX_CONDITION_BYTES = 64 * 1024;
export const MAX_OPPORTUNITIES = 10;
export const MAX_OPPORTUNITY_LENGTH = 500;

/** Custom dataLayer properties are open-ended: `props.<name>` paths are accepted as strings. */
function specsFor(condition: unknown): FieldSpec[] {
  const specs = catalogueFieldSpecs().filter((s) => s.id !== "props");
  const props = new Set<string>();
  const walk = (c: unknown, depth: number): void => {
    if (depth > 64 || c === null || typeof c !== "object") return;
    for (const [k, v] of Object.entries(c)) {
      if (k.startsWith("props.")) props.add(k);
      walk(v, depth + 1);
    }
  };
  walk(condition, 0);
  for (const p of props) specs.push({ id: p, type: "string" });
  return specs;
}

export function validateSegmentDefinition(input: unknown): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return [{ path: "", message: "a segment definition must be an object" }];
  }
  const d = input as Partial<SegmentDefinition> & Record<string, unknown>;
  if (typeof d.id !== "string" || !ID.test(d.id))
    err("/id", "id must be 1–63 lowercase letters, digits or dashes");
  else if (isFrameworkSegmentId(d.id)) err("/id", `"${d.id}" is a framework segment's id`);
  if (typeof d.name !== "string" || d.name.trim() === "" || d.name.length > MAX_NAME) {
    err("/name", `name must be 1–${MAX_NAME} characters`);
  }
  if (
    d.description !== undefined &&
    (typeof d.description !== "string" || d.description.length > MAX_DESCRIPTION)
  ) {
    err("/description", `description must be text of at most ${MAX_DESCRIPTION} characters`);
  }
  if (!MATCH_METHODS.includes(d.method as never))
    err("/method", `method must be one of ${MATCH_METHODS.join(", ")}`);
  if (
    typeof d.priority !== "number" ||
    !Number.isInteger(d.priority) ||
    Math.abs(d.priority) > 1_000_000
  ) {
    err("/priority", "priority must be a whole number between -1,000,000 and 1,000,000");
  }
  if (
    d.exclusiveGroup !== undefined &&
    (typeof d.exclusiveGroup !== "string" || !ID.test(d.exclusiveGroup))
  ) {
    err("/exclusiveGroup", "exclusiveGroup must be 1–63 lowercase letters, digits or dashes");
  }
  if (d.opportunities !== undefined) {
    if (!Array.isArray(d.opportunities) || d.opportunities.length > MAX_OPPORTUNITIES)
      err("/opportunities", `opportunities must be a list of at most ${MAX_OPPORTUNITIES} items`);
    else
      d.opportunities.forEach((o, i) => {
        if (typeof o !== "string" || o.trim() === "" || o.length > MAX_OPPORTUNITY_LENGTH)
          err(
            `/opportunities/${i}`,
            `each opportunity must be text of 1–${MAX_OPPORTUNITY_LENGTH} characters`,
          );
      });
  }
  if (!SEGMENT_STATUSES.includes(d.status as never))
    err("/status", `status must be one of ${SEGMENT_STATUSES.join(", ")}`);
  if (d.condition === null || typeof d.condition !== "object" || Array.isArray(d.condition)) {
    err("/condition", "condition must be an object");
  } else {
    let size = 0;
    try {
      size = JSON.stringify(d.condition).length;
    } catch {
      err("/condition", "condition is not JSON");
    }
    if (size > MAX_CONDITION_BYTES)
      err("/condition", `condition is larger than ${MAX_CONDITION_BYTES / 1024} KB`);
    else
      for (const e of validateCondition(d.condition, specsFor(d.condition)))
        err(`/condition${e.path}`, e.message);
  }
  return errors;
}
