/** One segment in the library: its figures over the page's period against its comparison. */
import type { SegmentCounting } from "@intently/api-contract";
import type { SegmentLibrary } from "../api/types.ts";
import { Badge, Change } from "../components/Bits.tsx";
import { money, num, pct, ptsChange, relChange } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";
import { CountingNote } from "./CountingNote.tsx";

export type LibraryRow = SegmentLibrary["segments"][number];

export function SegmentTile(props: {
  row: LibraryRow;
  site: string;
  currency: string;
  blurb?: string;
  /** Set when the segment went live after the period's start. */
  counting?: SegmentCounting;
}) {
  const r = props.row;
  return (
    <li className="segment-tile" data-segment={r.segment}>
      <div className="segment-tile-head">
        <h3>
          <Link to={paths.segment(props.site, r.segment)}>{r.name}</Link>
        </h3>
        <span className="badges">
          <Badge tone={r.kind === "framework" ? "info" : "neutral"}>
            {r.kind === "framework" ? "Framework" : "Custom"}
          </Badge>
          {r.status !== "live" && <Badge tone="warn">{r.status}</Badge>}
        </span>
      </div>
      {props.blurb && <p className="segment-tile-blurb">{props.blurb}</p>}
      <CountingNote counting={props.counting} />
      <dl className="segment-tile-figures">
        <div>
          <dt>Sessions</dt>
          <dd>{num(r.sessions)}</dd>
          <dd>
            <Change value={r.change.sessions} text={relChange(r.change.sessions)} />
          </dd>
        </div>
        <div>
          <dt>Share</dt>
          <dd>{pct(r.share)}</dd>
          <dd>
            <Change value={r.change.share} text={ptsChange(r.change.share)} />
          </dd>
        </div>
        <div>
          <dt>Conversion</dt>
          <dd>{pct(r.conversionRate)}</dd>
          <dd>
            <Change value={r.change.conversionRate} text={ptsChange(r.change.conversionRate)} />
          </dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd>{money(r.revenue, props.currency)}</dd>
          <dd>
            <Change value={r.change.revenue} text={relChange(r.change.revenue)} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
