/**
 * Thrashed cursor (docs/product/tag.md#signals, lazy): within a THRASH_WINDOW_MS sample window,
 * more than THRASH_TURNS horizontal direction changes and a mean acceleration above THRASH_ACCEL
 * px/ms².
 */
import type { Module, Off } from "../types.ts";

export const THRASH_WINDOW_MS = 225;
export const THRASH_TURNS = 4;
export const THRASH_ACCEL = 0.008;
/** At most one thrashed cursor in this time. */
export const THRASH_COOLDOWN_MS = 3000;

const offs: Off[] = [];

/** Direction changes and mean |Δv|/Δt of samples [t ms, x px]. */
export function measure(samples: [number, number][]): { turns: number; accel: number } {
  let turns = 0;
  let dir = 0;
  let v0: number | undefined;
  let sum = 0;
  let n = 0;
  for (let i = 1; i < samples.length; i++) {
    const [t1, x1] = samples[i - 1] as [number, number];
    const [t2, x2] = samples[i] as [number, number];
    const dt = Math.max(t2 - t1, 1);
    const dx = x2 - x1;
    const d = Math.sign(dx);
    if (d && dir && d !== dir) turns++;
    if (d) dir = d;
    const v = dx / dt;
    if (v0 !== undefined) {
      sum += Math.abs(v - v0) / dt;
      n++;
    }
    v0 = v;
  }
  return { turns, accel: n ? sum / n : 0 };
}

export const thrash: Module = {
  start(ctx) {
    const { cfg } = ctx;
    let samples: [number, number][] = [];
    let last = -1e15;
    ctx.listen<MouseEvent>(
      document,
      "mousemove",
      (e) => {
        const t = e.timeStamp;
        // Samples are in time order: the old ones are at the front (no new array per move).
        while (samples.length && t - (samples[0] as [number, number])[0] > cfg.thrashWindowMs) {
          samples.shift();
        }
        samples.push([t, e.clientX]);
        // n samples make at most n - 2 direction changes: too few cannot be a thrash.
        if (samples.length - 2 <= cfg.thrashTurns) return;
        const m = measure(samples);
        if (
          m.turns > cfg.thrashTurns &&
          m.accel > cfg.thrashAccel &&
          t - last >= THRASH_COOLDOWN_MS
        ) {
          last = t;
          samples = [];
          ctx.emit({ type: "thrashed_cursor" });
        }
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
