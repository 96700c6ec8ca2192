/**
 * Rage click (docs/product/tag.md#signals, lazy): RAGE_CLICKS clicks, each ≤ RAGE_GAP_MS after the
 * previous and
 * < RAGE_MAX_PX (Manhattan) from it; a text selection or a scroll in the chain breaks it.
 */
import type { Module, Off } from "../types.ts";
import { targetOf } from "./clicks.ts";

export const RAGE_CLICKS = 3;
export const RAGE_GAP_MS = 1000;
export const RAGE_MAX_PX = 30;

const offs: Off[] = [];
let n = 0;
let last: MouseEvent | undefined;
let scrolled = false;

export const rage: Module = {
  start({ cfg, emit, listen }) {
    listen(window, "scroll", () => (scrolled = true), offs);
    listen<MouseEvent>(
      document,
      "click",
      (e) => {
        const near =
          last &&
          e.timeStamp - last.timeStamp <= cfg.rageGapMs &&
          Math.abs(e.clientX - last.clientX) + Math.abs(e.clientY - last.clientY) < cfg.rageMaxPx;
        n = String(getSelection() ?? "") ? 0 : near && !scrolled ? n + 1 : 1;
        scrolled = false;
        last = e;
        if (n === cfg.rageClicks) {
          emit({ type: "rage_click", target: targetOf(e) });
        }
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
