/** The segment card: definition, matching scripts, report, experiments and opportunities. */
import { seg, sitePath } from "../api/client.ts";
import type { SegmentView, Site } from "../api/types.ts";
import { PeriodControl } from "../components/PeriodControl.tsx";
import { Async } from "../components/Status.tsx";
import { paths } from "../lib/paths.ts";
import { apiPeriodQuery, usePeriod } from "../lib/period.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link } from "../router.tsx";
import { Definition } from "../segment/Definition.tsx";
import { ExperimentsPanel } from "../segment/ExperimentsPanel.tsx";
import { Opportunities } from "../segment/Opportunities.tsx";
import { ReportPanel } from "../segment/ReportPanel.tsx";
import { ScriptPanel } from "../segment/ScriptPanel.tsx";
import { SegmentActions } from "../segment/SegmentActions.tsx";
import { Versions } from "../segment/Versions.tsx";

export function SegmentCard({ site, id }: { site: Site; id: string }) {
  const segment = useApi<SegmentView>(sitePath(site.id, `/segments/${seg(id)}`));
  useTitle(`${segment.data?.name ?? "Segment"} — ${site.name}`);
  const [period, setPeriod] = usePeriod();
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.library(site.id)}>Segments</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{segment.data?.name ?? id}</span>
      </nav>
      <Async state={segment} label="Loading the segment">
        {(s) => (
          <>
            <SegmentActions segment={s} site={site} onChanged={segment.reload} />
            <div className="grid-2">
              <Definition segment={s} currency={site.settings.currency ?? "GBP"} />
              <Opportunities segment={s} site={site} onSaved={segment.reload} />
            </div>
            <ScriptPanel site={site.id} segment={s.id} />
            <div className="section-head">
              <h2 className="section-title">Report</h2>
              <PeriodControl value={period} onChange={setPeriod} />
            </div>
            <ReportPanel site={site} segment={s.id} query={apiPeriodQuery(period)} />
            <ExperimentsPanel
              site={site.id}
              segment={s.id}
              query={apiPeriodQuery(period, false)}
              currency={site.settings.currency ?? "GBP"}
            />
            {s.kind === "custom" && <Versions site={site.id} segment={s.id} />}
          </>
        )}
      </Async>
    </div>
  );
}
