/**
 * Segments of a site: the 13 framework segments (read-only, with their content) and the saved
 * custom ones (latest version each). Every change recompiles the site's live segments in the
 * engine (`host.setSegments`), so sessions in flight pick them up on their next event.
 */
import type {
  ConflictWarning as ConflictWarningSchema,
  FrameworkSegmentView,
  Remedy,
} from "@intently/api-contract";
import { regexBudgetError, regexStepsOf } from "@intently/conditions";
import {
  conditionFields,
  FRAMEWORK_SEGMENT_CONTENT,
  FRAMEWORK_SEGMENT_IDS,
  frameworkSegmentCondition,
  isFrameworkSegmentId,
  type SegmentDefinition,
  segmentConflictPairs,
} from "@intently/engine";
import type { SegmentVersion, Store } from "@intently/store";
import type { Static } from "typebox";
import type { AppContext } from "../../context.ts";
import type { Issue } from "../errors.ts";
import { collectInSlices } from "./slices.ts";

/** A saved version's definition, its status being the version's. */
export const definitionOf = (v: SegmentVersion): SegmentDefinition => ({
  ...(v.definition as SegmentDefinition),
  id: v.id,
  status: v.status,
});

export function customView(v: SegmentVersion) {
  return {
    ...definitionOf(v),
    kind: "custom" as const,
    version: v.version,
    author: v.author,
    updatedAt: v.createdAt,
  };
}

export function frameworkView(id: (typeof FRAMEWORK_SEGMENT_IDS)[number]): FrameworkSegmentView {
  const c = FRAMEWORK_SEGMENT_CONTENT[id];
  return {
    id,
    kind: "framework" as const,
    name: c.name,
    readOnly: true,
    condition: frameworkSegmentCondition(id),
    status: "live" as const,
    content: c,
  };
}

export const frameworkViews = () => FRAMEWORK_SEGMENT_IDS.map(frameworkView);

export async function liveDefinitions(store: Store, site: string): Promise<SegmentDefinition[]> {
  return (await store.config.listSegments(site))
    .map(definitionOf)
    .filter((d) => d.status === "live");
}

/**
 * Where `def`, saved live, would take the site's live regexes past MAX_SITE_REGEX_STEPS (every
 * live segment runs on every event, so their sum bounds one event's matching cost), or null.
 */
export async function regexBudgetIssue(
  store: Store,
  site: string,
  def: SegmentDefinition,
): Promise<Issue | null> {
  if (def.status !== "live") return null;
  const others = (await liveDefinitions(store, site)).filter((d) => d.id !== def.id);
  return regexBudgetError(def.condition, regexStepsOf(others.map((d) => d.condition)));
}

/** Recompiles the site's live custom segments in the engine. */
export async function syncEngine(ctx: AppContext, site: string): Promise<void> {
  ctx.host.setSegments(site, await liveDefinitions(ctx.store, site));
}

/** Whether `id` names a segment of the site: a framework one or a saved custom one. */
export async function segmentExists(store: Store, site: string, id: string): Promise<boolean> {
  return isFrameworkSegmentId(id) || (await store.config.getSegment(site, id)) !== null;
}

type ConflictWarning = Static<typeof ConflictWarningSchema>;

const FRAMEWORK_FIELDS = ["segment", "phase", "state"];

/** A pair's direction seen from the saved segment ("this") rather than from a and b. */
function relative(direction: string, thisIsA: boolean): NonNullable<ConflictWarning["direction"]> {
  if (direction === "equal") return direction;
  return (direction === "a-in-b") === thisIsA ? "this-in-other" : "other-in-this";
}

/** What to do about `a` matching together with `other`, as data (words: the dashboard's). */
export function remediesFor(
  a: SegmentDefinition,
  other: { id: string; condition: unknown },
): Remedy[] {
  const pair = { segment: a.id, other: other.id };
  if (isFrameworkSegmentId(other.id))
    return [
      { kind: "testing-tool-exclusion", ...pair },
      {
        kind: "exclude-from-condition",
        ...pair,
        exclusion: { segment: { $ne: other.id } },
      },
    ];
  return [
    { kind: "exclusive-group", ...pair, group: a.exclusiveGroup ?? `${a.id}-group` },
    { kind: "exclude-from-condition", ...pair, exclusion: { $nor: [other.condition] } },
  ];
}

/**
 * Conflicts of `def` with the site's other live segments: static verdicts other than
 * `disjoint`, leaving out pairs resolved by a shared exclusive group. Framework segments are
 * included when the condition is written in terms of the framework (segment, phase, state) —
 * otherwise every framework segment is trivially "overlap-possible". Only the pairs with `def`
 * are analysed, in slices that give the event loop back (slices.ts).
 */
export async function conflictWarnings(
  store: Store,
  site: string,
  def: SegmentDefinition,
): Promise<ConflictWarning[]> {
  if (def.status === "archived") return [];
  const others = (await liveDefinitions(store, site)).filter((d) => d.id !== def.id);
  const fields = conditionFields(def.condition);
  const framework = FRAMEWORK_FIELDS.some((f) => fields.has(f));
  const pairs = await collectInSlices(
    segmentConflictPairs([def, ...others], { framework, subject: def.id }),
  );
  const byId = new Map(others.map((o) => [o.id, o]));
  const out: ConflictWarning[] = [];
  for (const p of pairs) {
    if (p.verdict === "disjoint") continue;
    const otherId = p.a === def.id ? p.b : p.a;
    const other = byId.get(otherId);
    if (other?.exclusiveGroup !== undefined && other.exclusiveGroup === def.exclusiveGroup)
      continue;
    const kind = isFrameworkSegmentId(otherId) ? "framework" : "custom";
    const condition = other?.condition ?? (kind === "framework" ? { segment: otherId } : {});
    out.push({
      segment: otherId,
      kind,
      verdict: p.verdict,
      ...(p.direction ? { direction: relative(p.direction, p.a === def.id) } : {}),
      detail: p.detail,
      remedies: remediesFor(def, { id: otherId, condition }),
    });
  }
  return out;
}
