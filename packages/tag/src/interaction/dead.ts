/**
 * Dead click (docs/product/tag.md#signals, lazy): a click on a clickable element followed by no DOM
 * mutation within DEAD_MUTATION_MS, no scroll or text selection within DEAD_SCROLL_MS, and no focus
 * move or visibility change within ±DEAD_FOCUS_MS (focus landing on the clicked element itself does
 * not count). Modifier clicks, links to other pages, text inputs, select, textarea, contenteditable
 * and canvas are ignored, and so is a page being left.
 */
import type { Module, Off } from "../types.ts";
import { CLICKABLE, desc } from "./clicks.ts";

export const DEAD_MUTATION_MS = 2500;
export const DEAD_SCROLL_MS = 100;
export const DEAD_FOCUS_MS = 1000;
/** A mutation this soon before the click (after its pointerdown) still counts as a response. */
const PRESS_MS = 1000;
const IGNORE =
  "input:not([type=button],[type=submit],[type=reset],[type=image]),select,textarea,canvas,video,audio,iframe,label,[contenteditable]:not([contenteditable=false])";
const MAX_MOMENTS = 32;

const offs: Off[] = [];
const timers = new Set<ReturnType<typeof setTimeout>>();
let observer: MutationObserver | undefined;
let mutated = -1e15;
let pressed = -1e15;
let leaving = -1e15;
/** Recent scrolls/selections, focus moves (with their element) and visibility changes. */
let scrolls: number[] = [];
let focuses: [number, EventTarget | null][] = [];
let shown: number[] = [];

const now = (): number => performance.now();
const keep = <T>(a: T[], x: T): T[] => a.concat([x]).slice(-MAX_MOMENTS);
const within = (t: number, from: number, to: number): boolean => t >= from && t <= to;

function leavesPage(el: Element): boolean {
  const a = el.closest("a[href]") as HTMLAnchorElement | null;
  if (!a) return false;
  if ((a.target && a.target !== "_self") || a.hasAttribute("download")) return true;
  if (a.protocol === "javascript:") return false;
  return a.href.split("#")[0] !== location.href.split("#")[0];
}

export const dead: Module = {
  start(ctx) {
    const { cfg, listen } = ctx;
    observer = new MutationObserver(() => (mutated = now()));
    observer.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    listen(window, "scroll", () => (scrolls = keep(scrolls, now())), offs);
    listen(
      document,
      "selectionchange",
      () => {
        if (getSelection()?.toString()) scrolls = keep(scrolls, now());
      },
      offs,
    );
    listen(document, "focusin", (e) => (focuses = keep(focuses, [now(), e.target])), offs);
    listen(document, "visibilitychange", () => (shown = keep(shown, now())), offs);
    listen(document, "pointerdown", () => (pressed = now()), offs);
    listen(window, "beforeunload", () => (leaving = now()), offs);
    listen(window, "pagehide", () => (leaving = now()), offs);
    listen<MouseEvent>(
      document,
      "click",
      (e) => {
        const t = e.target as Element;
        const el = t.closest?.(CLICKABLE);
        if (!el || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        if (t.closest(IGNORE) || el.closest(IGNORE) || leavesPage(el)) return;
        const t0 = now();
        const from = t0 - pressed < PRESS_MS ? pressed : t0;
        const timer = setTimeout(
          ctx.guard(() => {
            timers.delete(timer);
            const f = cfg.deadFocusMs;
            const responded =
              mutated >= from ||
              leaving >= from ||
              scrolls.some((s) => within(s, t0, t0 + cfg.deadScrollMs)) ||
              shown.some((s) => within(s, t0 - f, t0 + f)) ||
              focuses.some(([s, x]) => within(s, t0 - f, t0 + f) && !el.contains(x as Node));
            if (!responded) ctx.emit({ type: "dead_click", target: desc(el) });
          }),
          cfg.deadMs,
        );
        timers.add(timer);
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
    for (const t of timers) clearTimeout(t);
    timers.clear();
    observer?.disconnect();
  },
};
