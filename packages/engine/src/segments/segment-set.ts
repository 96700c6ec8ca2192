/**
 * A site's live custom segments, compiled once, evaluated on every event: memberships respect
 * each segment's method (in-flight or persisted), priority and exclusive group.
 */
import { compileCondition } from "@intently/conditions";
import { attributesOf } from "../catalogue/data-points.ts";
import type { BandSketch } from "../scoring/bands.ts";
import type { SessionState } from "../session/state.ts";
import type { SegmentDefinition } from "./definition.ts";
import { conditionFields } from "./fields.ts";
import type { CustomSegmentMatcher } from "./matcher.ts";
import { type ElapsedWatch, elapsedWatches, nextElapsedChange } from "./time-conditions.ts";

interface Compiled {
  id: string;
  persisted: boolean;
  group: string | undefined;
  test: (attrs: Record<string, unknown>) => boolean;
}

export class SegmentSet implements CustomSegmentMatcher {
  private readonly compiled: Compiled[];
  private readonly fields: string[];
  /** The elapsed data points the conditions compare with constants; null: re-check every tick. */
  private readonly watches: ElapsedWatch[] | null;
  readonly ids: readonly string[];

  constructor(definitions: readonly SegmentDefinition[]) {
    const live = definitions
      .filter((d) => d.status === "live")
      // Highest priority first; ties broken by id so the order is total and stable.
      .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const fields = new Set<string>();
    this.compiled = live.map((d) => {
      conditionFields(d.condition, fields);
      const fn = compileCondition(d.condition);
      return {
        id: d.id,
        persisted: d.method === "persisted",
        group: d.exclusiveGroup || undefined,
        test: (attrs) => fn(attrs),
      };
    });
    this.fields = [...fields];
    this.ids = this.compiled.map((c) => c.id);
    this.watches = elapsedWatches(live.map((d) => d.condition));
  }

  nextChange(s: SessionState, now: number): number {
    if (this.compiled.length === 0) return Number.POSITIVE_INFINITY;
    return this.watches ? nextElapsedChange(this.watches, s, now) : now;
  }

  update(
    s: SessionState,
    bands: { xC: BandSketch; xATC: BandSketch; xE: BandSketch },
    now: number,
  ): void {
    if (this.compiled.length === 0) return;
    const attrs = attributesOf({ s, bands, now }, this.fields);
    const everBefore = s.customEver;
    let ever = everBefore;
    const current: string[] = [];
    let groups: Set<string> | undefined;
    for (const c of this.compiled) {
      const matchedNow = c.test(attrs);
      const seen = ever?.includes(c.id) === true;
      const member = matchedNow || (c.persisted && seen);
      if (!member) continue;
      if (c.group) {
        groups ??= new Set();
        if (groups.has(c.group)) continue; // a higher-priority segment of this group already holds it
        groups.add(c.group);
      }
      current.push(c.id);
      if (!seen) ever = [...(ever ?? []), c.id];
    }
    if (ever !== everBefore) s.customEver = ever;
    if (!sameList(current, s.custom)) s.custom = current;
  }
}

function sameList(a: readonly string[], b: readonly string[] | null): boolean {
  const bb = b ?? [];
  if (a.length !== bb.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== bb[i]) return false;
  return true;
}
