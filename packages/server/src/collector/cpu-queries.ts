/**
 * For `intently bench collector` and `intently bench memory` (packages/bench): a server started
 * with an IPC channel answers
 * - `"cpu"` (or any other message) with its process's CPU time so far — all threads (JS, libuv,
 *   DuckDB, GC) — in microseconds, so the bench can report CPU per request beside throughput;
 * - `"profile-start"` / `"profile-stop"` by starting and stopping V8's sampling CPU profiler on
 *   the main thread, answering `{profile}` (a `.cpuprofile` object) on stop, so the bench can
 *   say where that CPU goes (its stages) without a profile file on disk;
 * - `"memory"` with the heap after full collections (`heapAfterGc`: heap used + array buffers,
 *   as the bench runner's `settle`), RSS, and whatever `stats()` adds (live sessions, index sizes);
 * - `{snapshot: path}` by writing a V8 heap snapshot there (after full collections), `{path}`.
 * A leaf module (node: imports only): the bench's bare ceiling server uses it too.
 */
import { Session } from "node:inspector/promises";
import { setFlagsFromString, writeHeapSnapshot } from "node:v8";
import { runInNewContext } from "node:vm";

let session: Session | null = null;

async function profiler(message: unknown): Promise<unknown> {
  if (message === "profile-start") {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 250 });
    await session.post("Profiler.start");
    return { started: true };
  }
  const s = session;
  if (!s) return { error: "no profile running" };
  session = null;
  const { profile } = await s.post("Profiler.stop");
  s.disconnect();
  return { profile };
}

let gcFn: (() => void) | null = null;
/** Full collections (gc() without --expose-gc on the command line). */
function fullGc(): void {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  for (let i = 0; i < 4; i++) gcFn();
}

function memory(stats: () => Record<string, number>): Record<string, number> {
  fullGc();
  const m = process.memoryUsage();
  return {
    heapAfterGc: m.heapUsed + m.arrayBuffers,
    heapUsed: m.heapUsed,
    arrayBuffers: m.arrayBuffers,
    external: m.external,
    rss: m.rss,
    ...stats(),
  };
}

const isSnapshotAsk = (m: unknown): m is { snapshot: string } =>
  typeof m === "object" && m !== null && typeof (m as { snapshot?: unknown }).snapshot === "string";

export function answerCpuQueries(stats: () => Record<string, number> = () => ({})): void {
  if (!process.send) return;
  process.on("message", (message) => {
    if (message === "profile-start" || message === "profile-stop") {
      void profiler(message).then(
        (answer) => process.send?.(answer),
        (e: unknown) => process.send?.({ error: String(e) }),
      );
      return;
    }
    if (message === "memory") {
      process.send?.(memory(stats));
      return;
    }
    if (isSnapshotAsk(message)) {
      fullGc();
      process.send?.({ path: writeHeapSnapshot(message.snapshot) });
      return;
    }
    const u = process.cpuUsage();
    process.send?.({ cpuUs: u.user + u.system });
  });
  process.channel?.unref();
}
