/**
 * Long synchronous work cut into slices: the conflict analysis is pure and synchronous, one
 * pair at a time; between pairs the server gives the event loop back every SLICE_MS, so that
 * a site with many (or crafted) segments never holds other requests for long (issue 13).
 */
import { setImmediate as nextTurn } from "node:timers/promises";

export const SLICE_MS = 15;

/** Every item of `items`, pausing for one event-loop turn whenever SLICE_MS have passed. */
export async function collectInSlices<T>(items: Iterable<T>, sliceMs = SLICE_MS): Promise<T[]> {
  const out: T[] = [];
  let start = performance.now();
  for (const x of items) {
    out.push(x);
    if (performance.now() - start >= sliceMs) {
      await nextTurn();
      start = performance.now();
    }
  }
  return out;
}
