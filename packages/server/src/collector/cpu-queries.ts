/**
 * For `intently bench collector` (packages/bench): a server started with an IPC channel answers
 * - `"cpu"` (or any other message) with its process's CPU time so far — all threads (JS, libuv,
 *   DuckDB, GC) — in microseconds, so the bench can report CPU per request beside throughput;
 * - `"profile-start"` / `"profile-stop"` by starting and stopping V8's sampling CPU profiler on
 *   the main thread, answering `{profile}` (a `.cpuprofile` object) on stop, so the bench can
 *   say where that CPU goes (its stages) without a profile file on disk.
 * A leaf module (node: imports only): the bench's bare ceiling server uses it too.
 */
import { Session } from "node:inspector/promises";

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

export function answerCpuQueries(): void {
  if (!process.send) return;
  process.on("message", (message) => {
    if (message === "profile-start" || message === "profile-stop") {
      void profiler(message).then(
        (answer) => process.send?.(answer),
        (e: unknown) => process.send?.({ error: String(e) }),
      );
      return;
    }
    const u = process.cpuUsage();
    process.send?.({ cpuUs: u.user + u.system });
  });
  process.channel?.unref();
}
