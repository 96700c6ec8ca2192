/**
 * A dry run of saving a segment, for the builder: the errors the API would answer with, and the
 * conflict warnings it would return after saving (the same rules as the API's
 * `conflictWarnings`: static verdicts other than `disjoint` against the site's other live
 * segments, framework segments included when the condition reads segment, phase or state, pairs
 * in one exclusive group left out).
 */
import {
  conditionFields,
  isFrameworkSegmentId,
  type SegmentDefinition,
  segmentConflicts,
  validateSegmentDefinition,
} from "@intently/engine";

export interface DraftSegment {
  id?: string;
  name?: string;
  description?: string;
  condition: unknown;
  method?: string;
  priority?: number;
  exclusiveGroup?: string;
}

export interface PreviewWarning {
  segment: string;
  kind: "custom" | "framework";
  verdict: string;
  direction?: "this-in-other" | "other-in-this" | "equal";
  detail: string;
  remedies: string[];
}

const FRAMEWORK_FIELDS = ["segment", "phase", "state"];
const DRAFT_ID = "draft-segment";

export function draftDefinition(d: DraftSegment): SegmentDefinition {
  return {
    id: d.id || DRAFT_ID,
    name: d.name?.trim() || "Draft",
    ...(d.description ? { description: d.description } : {}),
    condition: d.condition,
    method: (d.method ?? "in-flight") as SegmentDefinition["method"],
    priority: d.priority ?? 0,
    ...(d.exclusiveGroup ? { exclusiveGroup: d.exclusiveGroup } : {}),
    status: "live",
  };
}

/** Validation errors of the draft; a missing id or name is not an error yet. */
export function draftErrors(d: DraftSegment): { path: string; message: string }[] {
  return validateSegmentDefinition(draftDefinition(d));
}

function remedies(def: SegmentDefinition, otherId: string, condition: unknown): string[] {
  if (isFrameworkSegmentId(otherId))
    return [
      `Sessions in this segment can also be in the framework segment "${otherId}": if both target an experience, exclude one in the testing tool`,
      `Or add an exclusion to the condition: {"segment":{"$ne":"${otherId}"}}`,
    ];
  const group = def.exclusiveGroup ?? `${def.id}-group`;
  return [
    `Put both segments in the same exclusive group (e.g. "${group}") and give the one that should win the higher priority`,
    `Or add an exclusion: {"$nor":[${JSON.stringify(condition)}]}`,
  ];
}

export function draftWarnings(
  d: DraftSegment,
  live: readonly SegmentDefinition[],
): PreviewWarning[] {
  const def = draftDefinition(d);
  const others = live.filter((o) => o.id !== def.id && o.status === "live");
  const fields = conditionFields(def.condition);
  const framework = FRAMEWORK_FIELDS.some((f) => fields.has(f));
  const { pairs } = segmentConflicts([def, ...others], { framework });
  const byId = new Map(others.map((o) => [o.id, o]));
  const out: PreviewWarning[] = [];
  for (const p of pairs) {
    if (p.verdict === "disjoint" || (p.a !== def.id && p.b !== def.id)) continue;
    const thisIsA = p.a === def.id;
    const otherId = thisIsA ? p.b : p.a;
    const other = byId.get(otherId);
    if (other?.exclusiveGroup !== undefined && other.exclusiveGroup === def.exclusiveGroup)
      continue;
    let direction: PreviewWarning["direction"];
    if (p.direction === "equal") direction = "equal";
    else if (p.direction)
      direction = (p.direction === "a-in-b") === thisIsA ? "this-in-other" : "other-in-this";
    out.push({
      segment: otherId,
      kind: isFrameworkSegmentId(otherId) ? "framework" : "custom",
      verdict: p.verdict,
      ...(direction ? { direction } : {}),
      detail: p.detail,
      remedies: remedies(def, otherId, other?.condition ?? { segment: otherId }),
    });
  }
  return out;
}
