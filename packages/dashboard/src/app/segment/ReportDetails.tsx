/** Breakdowns, segment flow, top pages and frustration signals of a segment report. */
import type { SegmentReport } from "../api/types.ts";
import { BarList } from "../components/BarList.tsx";
import { Card } from "../components/Bits.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { frameworkSegment, signalName } from "../lib/catalogue.ts";
import { num, pct, words } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";

const DIMENSIONS: [keyof SegmentReport["breakdowns"], string][] = [
  ["device", "Device"],
  ["trafficSource", "Traffic source"],
  ["landingPageType", "Landing page type"],
  ["country", "Country"],
  ["visitorType", "New or returning"],
];

function flowName(id: string | null, dir: "from" | "to"): string {
  if (id === null) return dir === "from" ? "Session start" : "Session end";
  return frameworkSegment(id)?.name ?? id;
}

export function ReportDetails({ report: r, site }: { report: SegmentReport; site: string }) {
  const signals = r.frustration.filter((f) => f.sessions > 0 || (f.siteRate ?? 0) > 0);
  return (
    <>
      <Card title="Breakdowns">
        <div className="breakdowns">
          {DIMENSIONS.map(([dim, label]) => (
            <BarList
              key={dim}
              caption={label}
              valueLabel="Sessions"
              detailLabel="Conversion"
              rows={r.breakdowns[dim].slice(0, 8).map((b) => ({
                key: b.key,
                label: dim === "country" ? b.key || "unknown" : words(b.key),
                value: b.sessions,
                share: b.share,
                detail: pct(b.conversionRate),
              }))}
            />
          ))}
        </div>
      </Card>
      <Card title="Segment flow">
        <div className="grid-2">
          {(["from", "to"] as const).map((dir) => (
            <BarList
              key={dir}
              caption={dir === "from" ? "Where sessions came from" : "Where sessions went next"}
              valueLabel="Stays"
              detailLabel="Share"
              rows={r.flow[dir].slice(0, 8).map((f) => ({
                key: String(f.segment),
                label: flowName(f.segment, dir),
                value: f.transitions,
                share: f.share,
                detail: pct(f.share),
              }))}
            />
          ))}
        </div>
        <p className="muted small">
          Flow between framework segments; compare with{" "}
          <Link to={paths.library(site)}>the library</Link>.
        </p>
      </Card>
      <div className="grid-2">
        <Card title="Top pages">
          <TableTools name="Top pages">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">
                    Views
                  </th>
                  <th scope="col" className="num">
                    Sessions
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.topPages.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      No page views recorded in this period
                    </td>
                  </tr>
                )}
                {r.topPages.map((p) => (
                  <tr key={p.path + p.pageType}>
                    <td className="break">{p.path}</td>
                    <td>{words(p.pageType)}</td>
                    <td className="num">{num(p.views)}</td>
                    <td className="num">{num(p.sessions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableTools>
        </Card>
        <Card title="Frustration and exit signals">
          <TableTools name="Frustration and exit signals">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Signal</th>
                  <th scope="col" className="num">
                    Sessions
                  </th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col" className="num">
                    Site rate
                  </th>
                </tr>
              </thead>
              <tbody>
                {signals.map((f) => (
                  <tr key={f.signal}>
                    <td>
                      {signalName(f.signal) ?? words(f.signal.replaceAll("_", "-"))}{" "}
                      <span className="muted small">({f.kind})</span>
                    </td>
                    <td className="num">{num(f.sessions)}</td>
                    <td className="num">{pct(f.rate)}</td>
                    <td className="num">{pct(f.siteRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableTools>
        </Card>
      </div>
    </>
  );
}
