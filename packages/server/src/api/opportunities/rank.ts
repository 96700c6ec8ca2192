/**
 * The opportunities overview's arithmetic (docs/product/opportunities.md), no I/O: the library's
 * figures of every segment (store segmentLibrary, the same numbers as each segment's report),
 * the site's totals over the same period, and each segment's list of opportunities, ranked by
 * value at stake.
 *
 * Value at stake = max(0, sessions × the site's revenue per session − the segment's revenue):
 * what the segment's sessions would add if each brought as much as the site's average session.
 * A segment doing better than the site has none at stake (its opportunities are still listed).
 */
import type { OpportunitiesView } from "@intently/api-contract";
import type { Outcome, SegmentLibrary } from "@intently/store";
import type { Static } from "typebox";

type Answer = Omit<Static<typeof OpportunitiesView>, "periodInfo">;
type Row = Answer["segments"][number];

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function rankOpportunities(
  lib: SegmentLibrary,
  total: Outcome,
  opportunitiesOf: (segment: string) => string[],
): Answer {
  const sitePerSession = ratio(total.revenue, total.sessions);
  const rows = lib.segments
    .filter((r) => r.status !== "archived")
    .map(
      (r): Omit<Row, "rank"> => ({
        segment: r.segment,
        kind: r.kind,
        name: r.name,
        status: r.status,
        sessions: r.sessions,
        conversions: r.conversions,
        conversionRate: r.conversionRate,
        revenue: r.revenue,
        revenuePerSession: ratio(r.revenue, r.sessions),
        valueAtStake:
          sitePerSession === null ? 0 : Math.max(0, r.sessions * sitePerSession - r.revenue),
        opportunities: opportunitiesOf(r.segment),
      }),
    )
    .sort(
      (a, b) =>
        b.valueAtStake - a.valueAtStake || b.sessions - a.sessions || a.name.localeCompare(b.name),
    );
  return {
    site: lib.site,
    totalSessions: total.sessions,
    revenue: total.revenue,
    revenuePerSession: sitePerSession,
    valueAtStake: rows.reduce((s, r) => s + r.valueAtStake, 0),
    segments: rows.map((r, i) => ({ ...r, rank: i + 1 })),
  };
}
