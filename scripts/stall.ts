/**
 * One way for every test that bounds a stall (docs/security.md: no input may hold the event loop
 * or the page's thread for more than 100 ms). A slow path is slow every time, while a busy
 * machine (another process, a GC) delays a try now and then, so a stall counts only when it
 * repeats on each of three tries.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export const STALL_LIMIT_MS = 100;
const TRIES = 3;
const turn = () => new Promise((ok) => setTimeout(ok, 10));

/**
 * How long a synchronous call holds the thread: the least of three runs, in ms. Each run counts
 * the lesser of its wall time and the process's CPU time: on a loaded machine the wall time of
 * the same work grows tenfold (40 ms of CPU took 500 ms with 30 runnable processes on 2 cores),
 * while a call that really backtracks burns CPU whatever else runs.
 */
export function syncStallMs(f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < TRIES; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f();
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    best = Math.min(best, wall, (c.user + c.system) / 1000);
  }
  return best;
}

/**
 * Runs `run` (work done in this process: a request to a server it hosts, or steps) and, while
 * its longest event-loop delay is over the limit, up to two more times. Returns the first try's
 * result and the least stall seen, in ms. `run` must be safe to repeat (a fresh batch id, say).
 */
export async function loopStall<T>(run: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  const once = async () => {
    h.enable();
    h.reset();
    await turn();
    const r = await run();
    await turn(); // the histogram records a stall when the loop next turns
    h.disable();
    return { r, stall: h.max / 1e6 };
  };
  const first = await once();
  let stallMs = first.stall;
  for (let i = 1; i < TRIES && stallMs > STALL_LIMIT_MS; i++) {
    stallMs = Math.min(stallMs, (await once()).stall);
  }
  return { result: first.r, stallMs };
}
