/**
 * Exit intent (docs/product/tag.md#signals). Desktop: the pointer leaves the window through the top
 * edge (clientY ≤ EXIT_TOP_PX) after ≥ EXIT_MIN_MS on the page. Touch: a scroll up of ≥
 * EXIT_SCROLL_PX within EXIT_SCROLL_MS. (A hidden tab is sent as `tab_hidden`.)
 */
import type { Module, Off } from "../types.ts";

export const EXIT_TOP_PX = 20;
export const EXIT_MIN_MS = 1000;
export const EXIT_SCROLL_PX = 200;
export const EXIT_SCROLL_MS = 100;
/** At most one exit intent in this time. */
export const EXIT_COOLDOWN_MS = 5000;

const offs: Off[] = [];

export const exit: Module = {
  start({ cfg, emit, listen }) {
    let last = -EXIT_COOLDOWN_MS;
    let samples: [number, number][] = [];
    const fire = (target: string): void => {
      const t = performance.now();
      if (t - last >= EXIT_COOLDOWN_MS) {
        last = t;
        emit({ type: "exit_intent", target });
      }
    };
    listen<MouseEvent>(
      document,
      "mouseout",
      (e) => {
        // performance.now() is the time since navigation started: time on page.
        if (!e.relatedTarget && e.clientY <= cfg.exitTopPx && performance.now() >= cfg.exitMinMs) {
          fire("top");
        }
      },
      offs,
    );
    if (!matchMedia("(pointer:coarse)").matches) return;
    listen(
      window,
      "scroll",
      (e) => {
        const t = e.timeStamp;
        const y = scrollY;
        samples = samples.filter((s) => t - s[0] <= cfg.exitScrollMs);
        samples.push([t, y]);
        if (Math.max(...samples.map((s) => s[1])) - y >= cfg.exitScrollPx) fire("scroll");
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
