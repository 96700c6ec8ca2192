/**
 * `node --import tsx packages/bench/src/memory/main.ts --sessions 20000,40000 [--snapshots DIR]`:
 * the memory bench without the CLI (the CLI's `intently bench memory` calls benchMemory too).
 * Prints the result as JSON; progress goes to stderr.
 */
import { parseArgs } from "node:util";
import { benchJson } from "../runner.ts";
import { benchMemory, MAX_MEMORY_SESSIONS } from "./bench.ts";

const { values: v } = parseArgs({
  options: {
    sessions: { type: "string", default: "20000,40000" },
    snapshots: { type: "string" },
    seed: { type: "string", default: "7" },
    concurrency: { type: "string", default: "32" },
    "max-seconds": { type: "string", default: "600" },
    json: { type: "boolean", default: false },
  },
});
const sessions = v.sessions.split(",").map(Number);
if (sessions.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_MEMORY_SESSIONS)) {
  process.stderr.write(`--sessions: integers 1..${MAX_MEMORY_SESSIONS}, comma-separated\n`);
  process.exit(2);
}
const result = await benchMemory({
  sessions,
  seed: Number(v.seed),
  concurrency: Number(v.concurrency),
  maxSeconds: Number(v["max-seconds"]),
  ...(v.snapshots ? { snapshotDir: v.snapshots } : {}),
  progress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(benchJson(result, v.json));
