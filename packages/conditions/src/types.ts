/** Top-level operators: they combine whole conditions, or reference a saved group. */
export type LogicalOperator = "$and" | "$or" | "$nor" | "$not" | "$savedGroup";

/** Operators applied to the value found at a path (`$not` also nests here). */
export type ValueOperator =
  | "$eq"
  | "$ne"
  | "$gt"
  | "$gte"
  | "$lt"
  | "$lte"
  | "$in"
  | "$nin"
  | "$ini"
  | "$nini"
  | "$all"
  | "$alli"
  | "$elemMatch"
  | "$size"
  | "$exists"
  | "$type"
  | "$regex"
  | "$regexi"
  | "$veq"
  | "$vne"
  | "$vgt"
  | "$vgte"
  | "$vlt"
  | "$vlte"
  | "$inGroup"
  | "$notInGroup"
  | "$not";

export type Operator = LogicalOperator | ValueOperator;

export const VALUE_OPERATORS: readonly ValueOperator[] = [
  "$eq",
  "$ne",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$in",
  "$nin",
  "$ini",
  "$nini",
  "$all",
  "$alli",
  "$elemMatch",
  "$size",
  "$exists",
  "$type",
  "$regex",
  "$regexi",
  "$veq",
  "$vne",
  "$vgt",
  "$vgte",
  "$vlt",
  "$vlte",
  "$inGroup",
  "$notInGroup",
  "$not",
];

const VALUE_OPERATOR_SET: ReadonlySet<string> = new Set(VALUE_OPERATORS);

export function isValueOperator(op: string): op is ValueOperator {
  return VALUE_OPERATOR_SET.has(op);
}

/** A condition as stored (parsed JSON). Anything else is accepted too and never throws. */
export type Condition = { [key: string]: unknown };

export type Attributes = Record<string, unknown>;
/**
 * Saved groups by id: a v1 list of values, or a v2 entry
 * `{ type: "list", attributeKey, values }` / `{ type: "condition", condition }`.
 */
export type SavedGroups = Record<string, unknown>;

export type CompiledCondition = (attributes: Attributes, savedGroups?: SavedGroups) => boolean;

export interface CompileOptions {
  /** Nesting limit (conditions, operator objects); deeper conditions never match. Default 64. */
  maxDepth?: number;
}

/** Values of `$type`. */
export type VarType = "string" | "number" | "boolean" | "array" | "object" | "null" | "undefined";

export type FieldType = "string" | "number" | "boolean" | "string[]" | "enum";

/** One attribute the conditions may use (the engine's DataPoint fits this shape). */
export interface FieldSpec {
  id: string;
  type: FieldType;
  values?: readonly string[];
}

/**
 * A problem with an input, where it is: the one `{path, message}` shape of every validation in
 * Intently (conditions, the wire schema, the API's 400 answers, the dashboard's forms).
 */
export interface Issue {
  /** JSON pointer to the offending value, e.g. "/events/3/items/0/price". */
  path: string;
  message: string;
}

/** A problem in a condition; `path` e.g. "/$and/1/device.type/$in/2". */
export type ConditionError = Issue;

export type Verdict = "disjoint" | "subset" | "overlap-possible" | "unknown";
export type Direction = "a-in-b" | "b-in-a" | "equal";

export interface PairAnalysis {
  verdict: Verdict;
  direction?: Direction;
  detail: string;
  /** Attributes matched by both conditions, when the analysis found some. */
  example?: Attributes;
}

export interface AnalyzeOptions {
  /** Field types: an array field is treated conservatively, an enum is limited to its values. */
  catalogue?: readonly FieldSpec[];
  /** Bound on disjunctive-normal-form terms per query; beyond it the answer is "unknown". */
  maxTerms?: number;
}

export interface NamedCondition {
  id: string;
  condition: unknown;
}

export interface PairReport {
  a: string;
  b: string;
  verdict: Verdict;
  direction?: Direction;
  detail: string;
  example?: Attributes;
}
