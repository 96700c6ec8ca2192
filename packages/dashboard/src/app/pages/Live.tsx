/**
 * Live view: sessions in flight with their segment, state and score timelines, in real time
 * (Server-Sent Events; polling every 2 s when the stream is not available: use-live.ts).
 */
import { useRef, useState } from "react";
import type { LiveView, Site } from "../api/types.ts";
import { Card, Kpi } from "../components/Bits.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { frameworkSegment, stateLabel } from "../lib/catalogue.ts";
import { num } from "../lib/format.ts";
import { useTitle } from "../lib/use-api.ts";
import { type LiveMode, POLL_MS, useLive } from "../lib/use-live.ts";
import { LiveTable } from "../segment/LiveTable.tsx";

const KEEP_POINTS = 30;

const MODE_LABEL: Record<LiveMode, string> = {
  stream: "Live",
  poll: `Refreshed every ${POLL_MS / 1000} s`,
  paused: "Paused",
};

/** xC values seen per session across snapshots, for sessions whose server timeline is short. */
function useHistory(view: LiveView | undefined): Map<string, number[]> {
  const seen = useRef(new Map<string, { at: number; values: number[] }>());
  const last = useRef<number | null>(null);
  if (view && view.now !== last.current) {
    last.current = view.now;
    const live = new Set<string>();
    for (const s of view.sessions) {
      live.add(s.session);
      const h = seen.current.get(s.session) ?? { at: 0, values: [] };
      if (s.lastEventAt !== h.at) {
        h.values = [...h.values, s.scores.xC.value].slice(-KEEP_POINTS);
        h.at = s.lastEventAt;
      }
      seen.current.set(s.session, h);
    }
    for (const k of seen.current.keys()) if (!live.has(k)) seen.current.delete(k);
  }
  return new Map([...seen.current].map(([k, v]) => [k, v.values]));
}

/** Sessions flagged as bots (user agent, automation, speed) are not shown: say how many. */
function botsHidden(n: number): string {
  if (n === 0) return "no bot sessions hidden";
  return `${num(n)} bot session${n === 1 ? "" : "s"} hidden`;
}

export function Live({ site }: { site: Site }) {
  useTitle(`Live — ${site.name}`);
  const [paused, setPaused] = useState(false);
  const live = useLive<LiveView>(site.id, "limit=50", paused);
  const history = useHistory(live.data);
  const v = live.data;
  const topSegments = v
    ? Object.entries(v.bySegment)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
    : [];
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Live view</h1>
          <p className="muted">
            Sessions in flight now, most recently active first.{" "}
            <span data-testid="live-updated">
              {v ? `Updated ${new Date(v.now).toLocaleTimeString("en-GB")}` : ""}
            </span>{" "}
            <span className={`live-mode live-mode-${live.mode}`} data-testid="live-mode">
              {MODE_LABEL[live.mode]}
            </span>
          </p>
        </div>
        <button
          type="button"
          className="btn"
          aria-pressed={paused}
          onClick={() => setPaused((p) => !p)}
        >
          {paused ? "Resume updates" : "Pause updates"}
        </button>
      </div>
      {live.error && <ErrorNote error={live.error} retry={live.reload} />}
      {!v && !live.error && <Loading label="Connecting to the live sessions" />}
      {v && (
        <>
          <div className="kpi-row">
            <Kpi
              label="Live sessions"
              value={<span data-testid="live-total">{num(v.total)}</span>}
              sub={<span data-testid="live-bots">{botsHidden(v.hiddenBots)}</span>}
            />
            {Object.entries(v.byState).map(([state, n]) => (
              <Kpi
                key={state}
                label={stateLabel(state)}
                value={num(n)}
                sub={v.total ? `${Math.round((n / v.total) * 100)} %` : undefined}
              />
            ))}
          </div>
          {topSegments.length > 0 && (
            <Card title="Segments now">
              <ul className="chips">
                {topSegments.map(([id, n]) => (
                  <li key={id} className="chip">
                    {frameworkSegment(id)?.name ?? id} <strong>{n}</strong>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title="Sessions">
            {v.sessions.length === 0 ? (
              <p className="muted">
                No session in flight. Sessions appear here as soon as the tag sends events.
              </p>
            ) : (
              <>
                <p className="muted small">
                  Why scores moved: what changed in the session since the view last showed it, each
                  change with the points of the score it made (they add up to the move).
                  {live.mode === "stream" ? "" : " Shown while updates stream live."}
                </p>
                <LiveTable sessions={v.sessions} history={history} site={site} />
              </>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
