/**
 * U-turn (docs/product/tag.md#signals, lazy): a page left after ≤ U_TURN_MS without interaction,
 * for the URL the visitor had come from (by link, back button or history API). Each page's visit is
 * recorded in sessionStorage at page hide and judged when the next page arrives.
 */
import { bare, nav } from "../data/spa.ts";
import type { Ctx, Module, Off } from "../types.ts";

export const U_TURN_MS = 5000;
const KEY = "_intently_u";
const INTERACTIONS = ["pointerdown", "keydown", "wheel", "touchstart"];

/** A recorded visit: url, previous url, dwell ms, interacted. */
interface Visit {
  u: string;
  p: string;
  d: number;
  i: boolean;
}

const offs: Off[] = [];
let prev = "";
let t0 = 0;
let acted = false;

function take(): Visit | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Visit | null;
    sessionStorage.removeItem(KEY);
    return v ?? undefined;
  } catch {}
}

function leave(url: string): void {
  const v: Visit = { u: url, p: prev, d: performance.now() - t0, i: acted };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(v));
  } catch {}
}

function arrive(ctx: Ctx, at: number): void {
  const v = take();
  if (v && v.p === bare() && v.d <= ctx.cfg.uTurnMs && !v.i) {
    ctx.emit({ type: "u_turn", ms: Math.round(v.d) });
  }
  prev = v?.u ?? "";
  t0 = at;
  acted = false;
}

export const uturn: Module = {
  start(ctx) {
    // The first page's visit starts at navigation (time origin), later ones when they show.
    arrive(ctx, 0);
    for (const type of INTERACTIONS) ctx.listen(document, type, () => (acted = true), offs);
    ctx.listen(window, "pagehide", () => leave(bare()), offs);
    ctx.listen<PageTransitionEvent>(
      window,
      "pageshow",
      (e) => {
        if (e.persisted) arrive(ctx, performance.now());
      },
      offs,
    );
    const onNav = (from: string): void => {
      leave(from);
      arrive(ctx, performance.now());
    };
    nav.push(onNav);
    offs.push(() => nav.splice(nav.indexOf(onNav) >>> 0, 1));
  },
  stop() {
    for (const f of offs.splice(0)) f();
    try {
      sessionStorage.removeItem(KEY);
    } catch {}
  },
};
