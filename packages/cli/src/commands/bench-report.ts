import { tmpdir } from "node:os";
import { benchReport } from "@intently/store";
import type { Command } from "../command.ts";
import { intFlag } from "../flags.ts";
import { Progress } from "../io/progress.ts";

export const benchReportCommand: Command = {
  name: ["bench", "report"],
  summary: "Benchmark the reports (IPS, library, segment report, overlap) on N simulated sessions",
  usage: `[--sessions N] [--seed S] [--days D] [--runs R] [--events] [--json]

  --sessions N   simulated sessions loaded through the engine into a fresh store (default 100,000)
  --days D       days they are spread over (default 30)
  --runs R       timed runs of each report; medians and spread reported (default 7)
  --events       also store raw events (slower load; reports do not need them)
  --json         print JSON only
  Prints {loadSec, ipsMs, libraryMs, segmentReportMs, overlapMs, spread, …}.`,
  options: {
    sessions: { type: "string" },
    seed: { type: "string" },
    days: { type: "string" },
    runs: { type: "string" },
    events: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(v) {
    const progress = new Progress("sessions loaded");
    const sessions = intFlag(v, "sessions", { min: 100, max: 20_000_000, default: 100_000 });
    const result = await benchReport({
      sessions,
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      days: intFlag(v, "days", { min: 1, max: 3650, default: 30 }),
      runs: intFlag(v, "runs", { min: 1, max: 100, default: 7 }),
      events: v.events === true,
      dir: tmpdir(),
      onProgress: (ended) => progress.tick(ended, sessions),
    });
    progress.done();
    process.stdout.write(`${JSON.stringify(result, null, v.json ? 0 : 2)}\n`);
    return 0;
  },
};
