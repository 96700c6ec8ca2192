/**
 * Static conflict analysis of segments (docs/product/segments.md#conflicts) on top of
 * @intently/conditions: the catalogue gives field types and enum values, and tests on the framework
 * segment are rewritten on phase and state so verdicts involving framework segments are exact.
 */
import { analyzePairs, type PairReport } from "@intently/conditions";
import { catalogueFieldSpecs } from "../catalogue/field-specs.ts";
import {
  FRAMEWORK_SEGMENT_IDS,
  frameworkSegmentCondition,
  frameworkSegmentParts,
  isFrameworkSegmentId,
} from "../framework/segments.ts";

export interface NamedSegment {
  id: string;
  condition: unknown;
}

type Cond = Record<string, unknown>;

/** A framework segment as phase/state conditions (converted: any state). */
function partsCondition(id: unknown): Cond | null {
  if (typeof id !== "string" || !isFrameworkSegmentId(id)) return null;
  const { phase, states } = frameworkSegmentParts(id);
  return states.length === 1 ? { phase, state: states[0] } : { phase };
}

/** The `segment` test rewritten on phase/state, or null when it cannot be (then it stays). */
function segmentTest(v: unknown): Cond | null {
  if (typeof v === "string") return partsCondition(v) ?? { phase: "__none__" };
  if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
  const ops = v as Cond;
  const parts: Cond[] = [];
  for (const [op, x] of Object.entries(ops)) {
    const list = Array.isArray(x) ? x.map(partsCondition) : null;
    if (op === "$eq") parts.push(partsCondition(x) ?? { phase: "__none__" });
    else if (op === "$ne") parts.push({ $nor: [partsCondition(x) ?? { phase: "__none__" }] });
    else if (op === "$in" && list && list.every((c) => c)) parts.push({ $or: list as Cond[] });
    else if (op === "$nin" && list && list.every((c) => c)) parts.push({ $nor: list as Cond[] });
    else return null;
  }
  return parts.length === 1 ? parts[0]! : { $and: parts };
}

/**
 * The framework segment is a function of phase and state, so tests on `segment` are rewritten
 * as tests on phase/state: the analysis then relates "segment is struggling-buyers" to "phase is
 * convert" exactly, without a 13-way disjunction per condition.
 */
export function rewriteSegmentTests(cond: unknown, depth = 0): unknown {
  if (depth > 64 || cond === null || typeof cond !== "object") return cond;
  if (Array.isArray(cond)) return cond.map((c) => rewriteSegmentTests(c, depth + 1));
  const out: Cond = {};
  const extra: Cond[] = [];
  for (const [k, v] of Object.entries(cond as Cond)) {
    if (k === "$and" || k === "$or" || k === "$nor")
      out[k] = Array.isArray(v) ? v.map((c) => rewriteSegmentTests(c, depth + 1)) : v;
    else if (k === "$not") out[k] = rewriteSegmentTests(v, depth + 1);
    else if (k === "segment") {
      const r = segmentTest(v);
      if (r) extra.push(r);
      else out[k] = v;
    } else out[k] = v;
  }
  if (extra.length > 0)
    out.$and = [
      ...(Array.isArray(out.$and) ? out.$and : out.$and === undefined ? [] : [out.$and]),
      ...extra,
    ];
  return out;
}

export type SegmentPair = Omit<PairReport, "example">;

/**
 * Verdicts one pair at a time (a caller may pause between them): every pair of `segments` or,
 * with `subject`, only the pairs involving that segment (N pairs instead of N²), plus, with
 * `framework`, the pairs with the 13 framework segments. Framework segments never overlap each
 * other, so only pairs with a custom segment are analysed.
 */
export function* segmentConflictPairs(
  segments: readonly NamedSegment[],
  options: { framework?: boolean; subject?: string } = {},
): Generator<SegmentPair, void, undefined> {
  const custom = new Set(segments.map((s) => s.id));
  const { subject } = options;
  const all = options.framework
    ? [
        ...segments,
        ...FRAMEWORK_SEGMENT_IDS.map((id) => ({ id, condition: frameworkSegmentCondition(id) })),
      ]
    : [...segments];
  const prepared = all.map((s) => ({ id: s.id, condition: rewriteSegmentTests(s.condition) }));
  const include =
    subject === undefined
      ? (a: NamedSegment, b: NamedSegment) => custom.has(a.id) || custom.has(b.id)
      : (a: NamedSegment, b: NamedSegment) => a.id === subject || b.id === subject;
  for (const { example: _example, ...p } of analyzePairs(prepared, {
    catalogue: catalogueFieldSpecs(),
    include,
  }))
    yield p;
}

export function segmentConflicts(
  segments: readonly NamedSegment[],
  options: { framework?: boolean; subject?: string } = {},
): { pairs: SegmentPair[] } {
  return { pairs: [...segmentConflictPairs(segments, options)] };
}
