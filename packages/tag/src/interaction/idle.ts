/**
 * Idle (docs/product/tag.md#capture): no input for IDLE_MS while the page is visible → one `idle`
 * event.
 */
import type { Module, Off } from "../types.ts";

export const IDLE_MS = 60_000;
const INPUTS = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart", "scroll"];

const offs: Off[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

export const idle: Module = {
  start({ cfg, emit, listen, guard }) {
    let last = Date.now();
    let idle = false;
    const check = guard((): void => {
      const quiet = Date.now() - last;
      if (quiet < cfg.idleMs || document.hidden) {
        const wait = cfg.idleMs - quiet;
        timer = setTimeout(check, wait > 0 ? wait : cfg.idleMs);
      } else {
        idle = true;
        emit({ type: "idle", ms: Math.min(quiet, 8.64e7) });
      }
    });
    const active = (): void => {
      last = Date.now();
      if (idle) {
        idle = false;
        timer = setTimeout(check, cfg.idleMs);
      }
    };
    for (const type of INPUTS) listen(document, type, active, offs);
    timer = setTimeout(check, cfg.idleMs);
  },
  stop() {
    for (const f of offs.splice(0)) f();
    clearTimeout(timer);
  },
};
