/** Catalogue entries for behaviour signals (count and recency each) and the three scores. */
import { BANDS, TRENDS } from "../framework/types.ts";
import { SIGNAL_INDEX, SIGNALS, type Signal } from "../session/signals.ts";
import { C, F, sigCount, sigLastT } from "../session/state.ts";
import { trendOf } from "../session/update.ts";
import { type DataPoint, num } from "./types.ts";

export const SIGNAL_LABELS: Record<Signal, [id: string, label: string, meaning: string]> = {
  rage_click: ["rageClicks", "Rage clicks", "3 rapid clicks in one spot"],
  dead_click: ["deadClicks", "Dead clicks", "clicks on clickable elements that did nothing"],
  error_click: ["errorClicks", "Error clicks", "clicks followed by a JavaScript error"],
  js_error: ["jsErrors", "JavaScript errors", "uncaught errors and unhandled rejections"],
  form_error: [
    "formErrors",
    "Form errors",
    "fields turning invalid after input, or blocked submits",
  ],
  thrashed_cursor: ["thrashedCursor", "Thrashed cursor", "erratic back-and-forth pointer movement"],
  u_turn: ["uTurns", "U-turns", "back to the previous page within 5 s without interacting"],
  zero_result_search: ["zeroResultSearches", "Zero-result searches", "searches that found nothing"],
  back_and_forth: ["backAndForth", "Back-and-forth", "alternating between the same two pages"],
  not_found: ["notFoundPages", "404 pages", "pages that were not found"],
  exit_intent: [
    "exitIntents",
    "Exit intents",
    "pointer leaving through the top, or a fast scroll up on mobile",
  ],
  tab_hidden: ["tabHides", "Tab hidden", "times the tab was hidden"],
  idle: ["idlePeriods", "Idle periods", "periods of 60 s or more without activity"],
  cart_emptied: ["cartEmptied", "Cart emptied", "times the cart went from items to none"],
};

export const signalPoints: DataPoint[] = SIGNALS.flatMap((sig): DataPoint[] => {
  const [id, label, meaning] = SIGNAL_LABELS[sig];
  const i = SIGNAL_INDEX[sig];
  const group = i < SIGNAL_INDEX.exit_intent ? "frustration" : "exit";
  return [
    {
      id,
      label,
      type: "number",
      group,
      description: `Count this session: ${meaning}.`,
      get: (a) => a.s.num(sigCount(i)),
    },
    {
      id: `${id}SecondsAgo`,
      label: `${label}: seconds since last`,
      type: "number",
      unit: "s",
      group,
      description: `Seconds since the last one (${meaning}); null when none happened.`,
      get: (a) =>
        a.s.num(sigCount(i)) === 0 ? null : Math.max(0, a.now - a.s.num(sigLastT(i))) / 1000,
    },
  ];
});

type ScoreKey = "xC" | "xATC" | "xE";
const SCORE_FIELDS: Record<ScoreKey, [F, F, F, F, string]> = {
  xC: [
    F.XC,
    F.XC0,
    F.XCMax,
    F.XCTrend,
    "Purchase confidence: probability the session ends in a purchase",
  ],
  xATC: [
    F.XATC,
    F.XATC0,
    F.XATCMax,
    F.XATCTrend,
    "Add-to-cart readiness: probability of an add-to-cart this session",
  ],
  xE: [
    F.XE,
    F.XE0,
    F.XEMax,
    F.XETrend,
    "Exit risk: probability the session ends within 5 minutes without purchase",
  ],
};
const BAND_FIELDS: Record<ScoreKey, C> = { xC: C.XCBand, xATC: C.XATCBand, xE: C.XEBand };
export const scorePoints: DataPoint[] = (Object.keys(SCORE_FIELDS) as ScoreKey[]).flatMap(
  (k): DataPoint[] => {
    const [v, v0, vmax, tr, meaning] = SCORE_FIELDS[k];
    // The score's name for people ("Purchase confidence"), the labels' one source (issue 20, item 11).
    const name = meaning.slice(0, meaning.indexOf(":"));
    const lower = name.toLowerCase();
    return [
      {
        id: k,
        label: name,
        type: "number",
        unit: "probability",
        group: "scores",
        description: `${meaning} (0–1).`,
        get: num(v),
      },
      {
        id: `${k}Initial`,
        label: `First ${lower}`,
        type: "number",
        unit: "probability",
        group: "scores",
        description: `First ${k} of the session.`,
        get: num(v0),
      },
      {
        id: `${k}Max`,
        label: `Highest ${lower}`,
        type: "number",
        unit: "probability",
        group: "scores",
        description: `Highest ${k} so far.`,
        get: num(vmax),
      },
      {
        id: `${k}Band`,
        label: `${name} band`,
        type: "enum",
        values: BANDS,
        group: "scores",
        description: `${k} against the site's recent distribution (p10/p33/p66/p90 cut points).`,
        // The band stored at the session's last evaluation (docs/product/engine.md#time).
        get: (a) => BANDS[a.s.get(BAND_FIELDS[k])],
      },
      {
        id: `${k}Trend`,
        label: `${name} trend`,
        type: "enum",
        values: TRENDS,
        group: "scores",
        description: `Direction of ${k} over the last few events.`,
        get: (a) => trendOf(a.s.num(tr)),
      },
    ];
  },
);
