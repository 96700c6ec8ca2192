/** The segment library: framework and custom segments as cards, with search and filters. */

import type { SegmentCounting, SegmentList } from "@intently/api-contract";
import { useId, useMemo, useState } from "react";
import { sitePath } from "../api/client.ts";
import type { SegmentLibrary, Site } from "../api/types.ts";
import { PeriodControl, PeriodNote } from "../components/PeriodControl.tsx";
import { Empty, ErrorNote, Loading } from "../components/Status.tsx";
import { frameworkSegment } from "../lib/catalogue.ts";
import { paths } from "../lib/paths.ts";
import { apiPeriodQuery, type PeriodInfo, usePeriod } from "../lib/period.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link, useLocation } from "../router.tsx";
import { type Filters, LibraryFilters } from "../segment/LibraryFilters.tsx";
import { type LibraryRow, SegmentTile } from "../segment/SegmentTile.tsx";

const SORTS: Record<string, (a: LibraryRow, b: LibraryRow) => number> = {
  sessions: (a, b) => b.sessions - a.sessions,
  revenue: (a, b) => b.revenue - a.revenue,
  conversion: (a, b) => (b.conversionRate ?? -1) - (a.conversionRate ?? -1),
  change: (a, b) => (b.change.sessions ?? -Infinity) - (a.change.sessions ?? -Infinity),
  name: (a, b) => a.name.localeCompare(b.name),
};

export function Library({ site }: { site: Site }) {
  useTitle(`Segments — ${site.name}`);
  const [period, setPeriod] = usePeriod();
  const lib = useApi<
    SegmentLibrary & { periodInfo: PeriodInfo; counting?: Record<string, SegmentCounting> }
  >(sitePath(site.id, `/reports/library?${apiPeriodQuery(period)}`));
  const list = useApi<SegmentList>(sitePath(site.id, "/segments"));
  const { query } = useLocation();
  const saved = query.get("saved");
  const [f, setF] = useState<Filters>({
    q: "",
    kind: "all",
    phase: "all",
    state: "all",
    sort: "sessions",
  });
  const resultsId = useId();

  const blurbs = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of list.data?.framework ?? []) m.set(s.id, s.content.meaning);
    for (const s of list.data?.custom ?? []) if (s.description) m.set(s.id, s.description);
    return m;
  }, [list.data]);

  const rows = useMemo(() => {
    const q = f.q.trim().toLowerCase();
    return (lib.data?.segments ?? [])
      .filter((r) => f.kind === "all" || r.kind === f.kind)
      .filter((r) => {
        if (f.phase === "all" && f.state === "all") return true;
        const fw = frameworkSegment(r.segment);
        if (!fw) return false;
        return (
          (f.phase === "all" || fw.phase === f.phase) &&
          (f.state === "all" || fw.states.includes(f.state))
        );
      })
      .filter(
        (r) =>
          q === "" ||
          r.name.toLowerCase().includes(q) ||
          r.segment.includes(q) ||
          (blurbs.get(r.segment) ?? "").toLowerCase().includes(q),
      )
      .sort(SORTS[f.sort] ?? SORTS.sessions);
  }, [lib.data, f, blurbs]);

  const currency = site.settings.currency ?? "GBP";
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Segment library</h1>
          <p className="muted">
            Every segment's sessions, conversion and revenue, and how they moved.
          </p>
        </div>
        <Link to={paths.builder(site.id)} className="btn btn-primary">
          New segment
        </Link>
      </div>
      <PeriodControl value={period} onChange={setPeriod} info={lib.data?.periodInfo} />
      <PeriodNote info={lib.data?.periodInfo} />
      {saved && (
        <p className="note note-good" role="status">
          Segment “{list.data?.custom.find((c) => c.id === saved)?.name ?? saved}” saved. It is live
          in the engine now.
        </p>
      )}
      <LibraryFilters value={f} onChange={setF} controls={resultsId} />
      {lib.error && <ErrorNote error={lib.error} retry={lib.reload} />}
      {!lib.data && !lib.error && <Loading label="Loading the segments" />}
      {lib.data && (
        <>
          <p className="muted" role="status" aria-live="polite">
            {rows.length} of {lib.data.segments.length} segments ·{" "}
            {lib.data.totalSessions.toLocaleString("en-GB")} sessions in the period
          </p>
          {rows.length === 0 ? (
            <Empty>No segment matches these filters.</Empty>
          ) : (
            <ul className="segment-grid" id={resultsId} aria-label="Segments">
              {rows.map((r) => (
                <SegmentTile
                  key={r.segment}
                  row={r}
                  site={site.id}
                  currency={currency}
                  {...(blurbs.get(r.segment) ? { blurb: blurbs.get(r.segment)! } : {})}
                  {...(lib.data?.counting?.[r.segment]
                    ? { counting: lib.data.counting[r.segment]! }
                    : {})}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
