/**
 * Why a live session's scores last moved (the live stream's reasons, issue 20 item 9): for each
 * score that moved, its move and its top reasons in points, e.g. "+8.0 pts: Add-to-carts 0 → 1".
 * Plain text, so screen readers read what the eye reads; the full list is in the title.
 */
import type { LiveReasons, ScoreReason } from "@intently/api-contract";
import type { LiveSession } from "../api/types.ts";
import { dataPoint } from "../lib/catalogue.ts";
import { pct } from "../lib/format.ts";

export type LiveRow = LiveSession & { reasons?: LiveReasons };

const SCORES = ["xC", "xATC", "xE"] as const;
const TOP = 3;

/** "+8.0 pts" / "−5.2 pts" (a real minus sign). */
export function points(p: number): string {
  const v = Math.abs(p).toFixed(1);
  return `${p >= 0 ? "+" : "−"}${v} pts`;
}

export function reasonText(r: ScoreReason): string {
  const change = r.from || r.to ? ` ${r.from} → ${r.to}` : "";
  return `${points(r.points)}: ${r.label}${change}`;
}

export function ScoreReasons({ reasons }: { reasons: LiveReasons | undefined }) {
  const moves = SCORES.flatMap((key) => {
    const m = reasons?.[key];
    return m ? [{ key, ...m }] : [];
  });
  if (moves.length === 0) return <span className="muted">—</span>;
  return (
    <div className="score-reasons">
      {moves.map((m) => {
        const label = dataPoint(m.key)?.label ?? m.key;
        const shown = m.reasons.slice(0, TOP);
        return (
          <div key={m.key} title={m.reasons.map(reasonText).join("\n")}>
            <div>
              {label} {pct(m.from)} → {pct(m.to)}
            </div>
            <ul className="muted small" aria-label={`Why ${label.toLowerCase()} moved`}>
              {shown.map((r) => (
                <li key={r.feature}>{reasonText(r)}</li>
              ))}
              {m.reasons.length > TOP && <li>and {m.reasons.length - TOP} smaller</li>}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
