/**
 * `intently bench report | collector | dashboard`: the benchmarks that start a store, servers or
 * a browser (packages/bench); here only their flags, checked, and the JSON printed.
 */
import { tmpdir } from "node:os";
import { benchCollector, benchDashboard, benchJson, benchReport } from "@intently/bench";
import type { Command } from "../command.ts";
import { intFlag, outputFile, stringFlag } from "../flags.ts";
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
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};

export const benchCollectorCommand: Command = {
  name: ["bench", "collector"],
  summary: "Benchmark the collector against a bare node:http JSON server (requests/s, latency)",
  usage: `[--json] [--requests N] [--rounds R] [--concurrency C] [--max-seconds S] [--seed S] [--cpu-profile F]

  --requests N     batches of 10 events per round and side (default 20,000)
  --rounds R       rounds, alternating which side goes first; medians reported (default 3)
  --concurrency C  keep-alive connections (default 48)
  --max-seconds S  time cap per side and round (default 30)
  --seed S         simulator seed (default 1)
  --cpu-profile F  also write the profiled round's V8 CPU profile to F (open it in Chrome
                   DevTools › Performance); stagesUs comes from that round
  --json           print JSON only`,
  options: {
    json: { type: "boolean" },
    requests: { type: "string" },
    rounds: { type: "string" },
    concurrency: { type: "string" },
    "max-seconds": { type: "string" },
    seed: { type: "string" },
    "cpu-profile": { type: "string" },
  },
  async run(v) {
    const result = await benchCollector({
      requests: intFlag(v, "requests", { min: 100, max: 1_000_000, default: 20_000 }),
      rounds: intFlag(v, "rounds", { min: 1, max: 20, default: 3 }),
      concurrency: intFlag(v, "concurrency", { min: 1, max: 1024, default: 48 }),
      maxSeconds: intFlag(v, "max-seconds", { min: 1, max: 600, default: 30 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      ...(v["cpu-profile"] ? { cpuProfile: outputFile(v, "cpu-profile") } : {}),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};

export const benchDashboardCommand: Command = {
  name: ["bench", "dashboard"],
  summary: "Benchmark the dashboard overview's first load in Chromium (target ≤ 1 s, 1 M sessions)",
  usage: `[--json] [--sessions N] [--days D] [--rounds R] [--seed S] [--cache DIR]

  --sessions N  simulated sessions in the store (default 1,000,000)
  --days D      days they are spread over, ending yesterday (default 30)
  --rounds R    rounds of cold + warm loads, real and ceiling; medians reported (default 5)
  --seed S      simulator seed (default 1)
  --cache DIR   where data folders are cached (default node_modules/.cache/intently-bench);
                one is reused when sessions, days, seed, schema and the UTC day are the same
  --json        print JSON only
  Prints {sessions, cold:{p50ms,min,max}, warm, ceiling:{cold,warm}, ratio, requests, apiMs, breakdown, …};
  times are from navigation start to the IPS gauge and the four phase cards rendered.`,
  options: {
    json: { type: "boolean" },
    sessions: { type: "string" },
    days: { type: "string" },
    rounds: { type: "string" },
    seed: { type: "string" },
    cache: { type: "string" },
  },
  async run(v) {
    const sessions = intFlag(v, "sessions", { min: 100, max: 20_000_000, default: 1_000_000 });
    const progress = new Progress("bench data (sessions, cached afterwards)");
    const cacheRoot = stringFlag(v, "cache");
    const result = await benchDashboard({
      sessions,
      days: intFlag(v, "days", { min: 7, max: 365, default: 30 }),
      rounds: intFlag(v, "rounds", { min: 1, max: 50, default: 5 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      ...(cacheRoot ? { cacheRoot } : {}),
      onProgress: (ended) => progress.tick(ended, sessions),
    });
    progress.done();
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};
