/** Scroll depth: the deepest point reached (0–100), with a `scroll` event at each quarter. */
import type { Module, Off } from "../types.ts";

export const SCROLL_STEP = 25;

const offs: Off[] = [];
let max = 0;

const depth = (): number => {
  const h = document.documentElement.scrollHeight;
  return Math.max(max, h ? Math.min(100, Math.round(((scrollY + innerHeight) / h) * 100)) : 0);
};

export const scroll: Module = {
  start(ctx) {
    max = depth();
    ctx.maxDepth = depth;
    ctx.listen(
      window,
      "scroll",
      () => {
        const d = depth();
        if (Math.floor(d / SCROLL_STEP) > Math.floor(max / SCROLL_STEP)) {
          ctx.emit({ type: "scroll", depth: d });
        }
        max = d;
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
