/**
 * `intently bench memory`: heap after GC per live session of the full server, end to end
 * (packages/bench/src/memory); here only its flags, checked, and the JSON printed.
 */
import { benchJson, benchMemory, MAX_MEMORY_SESSIONS } from "@intently/bench";
import { CliError, type Command } from "../command.ts";
import { intFlag, stringFlag } from "../flags.ts";

/** `--sessions 20000,40000`: ascending live-session counts, each within the bench's bound. */
function sizes(raw: string): number[] {
  const out = raw.split(",").map((s) => Number(s.trim()));
  if (out.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_MEMORY_SESSIONS))
    throw new CliError(`--sessions: integers 1..${MAX_MEMORY_SESSIONS}, comma-separated`, 2);
  return out;
}

export const benchMemoryCommand: Command = {
  name: ["bench", "memory"],
  summary: "Heap after GC per live session of the full server, by holder (heap snapshots)",
  usage: `[--sessions N,M] [--snapshots DIR] [--concurrency C] [--max-seconds S] [--seed S] [--json]

  --sessions N,M   live-session counts measured at (default 20000,40000): simulated sessions
                   sent through POST /v1/collect to a full server in a child process
  --snapshots DIR  also write a heap snapshot at each count into DIR and compare the first
                   and last by retainer and constructor (bytes per live session)
  --concurrency C  keep-alive connections of the load generator (default 16)
  --max-seconds S  time cap of each load run (default 1800)
  --seed S         simulator seed (default 7)
  --json           print JSON only
  Prints {baseline, points:[{liveSessions, heapAfterGcMB, heapAfterGcKBPerLiveSession, …}],
  marginal:{heapAfterGcKBPerLiveSession, rssKBPerLiveSession}, retainers?}.`,
  options: {
    sessions: { type: "string" },
    snapshots: { type: "string" },
    concurrency: { type: "string" },
    "max-seconds": { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
  },
  async run(v) {
    const snapshots = stringFlag(v, "snapshots", { default: "" });
    const result = await benchMemory({
      sessions: sizes(stringFlag(v, "sessions", { default: "20000,40000" })),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 7 }),
      concurrency: intFlag(v, "concurrency", { min: 1, max: 256, default: 16 }),
      maxSeconds: intFlag(v, "max-seconds", { min: 1, max: 3600, default: 1800 }),
      ...(snapshots ? { snapshotDir: snapshots } : {}),
      ...(v.json === true ? {} : { progress: (l: string) => process.stderr.write(`${l}\n`) }),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};
