/**
 * Static conflict analysis of segments (SPEC §5.1) on top of @intently/conditions: the catalogue
 * gives field types and enum values, and the framework axiom ties segment, phase and state
 * together so verdicts involving framework segments are exact.
 */
import { analyzeAll, type PairReport } from "@intently/conditions";
import { catalogueFieldSpecs } from "../catalogue/field-specs.ts";
import {
  FRAMEWORK_SEGMENT_IDS,
  frameworkAxiom,
  frameworkSegmentCondition,
} from "../framework/segments.ts";
import { conditionFields } from "./fields.ts";

export interface NamedSegment {
  id: string;
  condition: unknown;
}

const FRAMEWORK_FIELDS = ["segment", "phase", "state"];

export function segmentConflicts(
  segments: readonly NamedSegment[],
  options: { framework?: boolean } = {},
): { pairs: Omit<PairReport, "example">[] } {
  const custom = new Set(segments.map((s) => s.id));
  const all = options.framework
    ? [
        ...segments,
        ...FRAMEWORK_SEGMENT_IDS.map((id) => ({ id, condition: frameworkSegmentCondition(id) })),
      ]
    : [...segments];
  const linked = all.some((s) => {
    const f = conditionFields(s.condition);
    return FRAMEWORK_FIELDS.some((x) => f.has(x));
  });
  const axiom = frameworkAxiom();
  const prepared = linked
    ? all.map((s) => ({ id: s.id, condition: { $and: [s.condition, axiom] } }))
    : all;
  const { pairs } = analyzeAll(prepared, { catalogue: catalogueFieldSpecs() });
  return {
    pairs: pairs
      // Framework segments never overlap each other: only pairs with a custom segment are news.
      .filter((p) => custom.has(p.a) || custom.has(p.b))
      .map(({ example: _example, ...p }) => p),
  };
}
