/**
 * Translates the GrowthBook-condition subset used by the segment library into JsonLogic, so
 * `bench segments` can run the same logic through json-logic-js. Only what the library uses is
 * supported; anything else throws (a bench fixture error, never user input).
 */
import { DATA_POINTS } from "@intently/engine";

type Logic = Record<string, unknown> | boolean;

const ARRAY_FIELDS = new Set(DATA_POINTS.filter((d) => d.type === "string[]").map((d) => d.id));

function pathVar(path: string): Logic {
  return { var: path };
}

function fieldLogic(path: string, cond: unknown): Logic {
  if (cond === null || typeof cond !== "object" || Array.isArray(cond)) {
    // Implicit equality; on an array attribute GrowthBook matches when it contains the value.
    return ARRAY_FIELDS.has(path)
      ? { in: [cond, pathVar(path)] }
      : { "===": [pathVar(path), cond] };
  }
  const parts: Logic[] = [];
  const ops = cond as Record<string, unknown>;
  for (const [op, v] of Object.entries(ops)) {
    switch (op) {
      case "$eq":
        parts.push({ "===": [pathVar(path), v] });
        break;
      case "$ne":
        parts.push({ "!==": [pathVar(path), v] });
        break;
      case "$gt":
        parts.push({ ">": [pathVar(path), v] });
        break;
      case "$gte":
        parts.push({ ">=": [pathVar(path), v] });
        break;
      case "$lt":
        parts.push({ "<": [pathVar(path), v] });
        break;
      case "$lte":
        parts.push({ "<=": [pathVar(path), v] });
        break;
      case "$in":
        // On an array attribute GrowthBook's $in means "shares an element with the list".
        parts.push(
          ARRAY_FIELDS.has(path)
            ? { some: [pathVar(path), { in: [{ var: "" }, v] }] }
            : { in: [pathVar(path), v] },
        );
        break;
      case "$regex":
        parts.push({ regex: [pathVar(path), v, ""] });
        break;
      case "$regexi":
        parts.push({ regex: [pathVar(path), v, "i"] });
        break;
      case "$not":
        parts.push({ "!": fieldLogic(path, v) });
        break;
      default:
        throw new Error(`json-logic translation: unsupported operator ${op}`);
    }
  }
  return parts.length === 1 ? parts[0]! : { and: parts };
}

export function toJsonLogic(condition: Record<string, unknown>): Logic {
  const parts: Logic[] = [];
  for (const [k, v] of Object.entries(condition)) {
    if (k === "$and") parts.push({ and: (v as Record<string, unknown>[]).map(toJsonLogic) });
    else if (k === "$or") parts.push({ or: (v as Record<string, unknown>[]).map(toJsonLogic) });
    else if (k === "$nor")
      parts.push({ "!": { or: (v as Record<string, unknown>[]).map(toJsonLogic) } });
    else parts.push(fieldLogic(k, v));
  }
  return parts.length === 1 ? parts[0]! : { and: parts };
}
