/** Operators the builder offers per data-point type, with their labels and value widgets. */
import type { DataPointType } from "./catalogue-types.ts";
import type { RuleOp, RuleValue } from "./condition-tree.ts";

export type ValueKind = "none" | "number" | "text" | "list";

export interface OperatorInfo {
  op: RuleOp;
  label: string;
  value: ValueKind;
}

const O = (op: RuleOp, label: string, value: ValueKind): OperatorInfo => ({ op, label, value });

export const OPERATORS: Record<DataPointType, OperatorInfo[]> = {
  number: [
    O("gte", "is at least", "number"),
    O("gt", "is more than", "number"),
    O("lte", "is at most", "number"),
    O("lt", "is less than", "number"),
    O("eq", "equals", "number"),
    O("ne", "does not equal", "number"),
    O("exists", "is known", "none"),
    O("notExists", "is unknown", "none"),
  ],
  string: [
    O("eq", "is", "text"),
    O("ne", "is not", "text"),
    O("in", "is one of", "list"),
    O("nin", "is none of", "list"),
    O("contains", "contains", "text"),
    O("regex", "matches the pattern", "text"),
    O("exists", "is known", "none"),
    O("notExists", "is unknown", "none"),
  ],
  enum: [
    O("eq", "is", "text"),
    O("ne", "is not", "text"),
    O("in", "is one of", "list"),
    O("nin", "is none of", "list"),
  ],
  boolean: [O("isTrue", "is true", "none"), O("isFalse", "is false", "none")],
  "string[]": [
    O("has", "includes", "text"),
    O("hasAny", "includes any of", "list"),
    O("hasAll", "includes all of", "list"),
    O("isEmpty", "is empty", "none"),
  ],
};

export function operatorsFor(type: DataPointType | undefined): OperatorInfo[] {
  return OPERATORS[type ?? "string"];
}

export function operatorInfo(
  type: DataPointType | undefined,
  op: RuleOp,
): OperatorInfo | undefined {
  return operatorsFor(type).find((o) => o.op === op);
}

/** The value to keep when the operator changes: converted when the widget kind allows it. */
export function convertValue(from: RuleValue, to: ValueKind): RuleValue {
  if (to === "none") return null;
  if (to === "list") {
    if (Array.isArray(from)) return from;
    return typeof from === "string" && from !== "" ? [from] : [];
  }
  if (to === "number") return typeof from === "number" ? from : null;
  if (Array.isArray(from)) return from[0] ?? null;
  return typeof from === "string" ? from : null;
}
