/**
 * For `intently bench collector` (packages/bench): a server started with an IPC channel answers every message
 * with its process's CPU time so far — all threads (JS, libuv, DuckDB, GC) — in microseconds,
 * so the bench can report CPU per request beside throughput.
 */
export function answerCpuQueries(): void {
  if (!process.send) return;
  process.on("message", () => {
    const u = process.cpuUsage();
    process.send?.({ cpuUs: u.user + u.system });
  });
  process.channel?.unref();
}
