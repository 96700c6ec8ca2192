import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  benchDisk,
  benchEngine,
  benchJson,
  benchSegments,
  benchSoak,
  benchTagCost,
} from "@intently/bench";
import { modelScorer, priorScorer } from "@intently/intent-model";
import { buildTag, CORE_GZIP_BUDGET } from "@intently/tag/build";
import { CliError, type Command } from "../command.ts";
import { inputFile, intFlag, outputFile, stringFlag } from "../flags.ts";
import { Progress } from "../io/progress.ts";
import { readBundle } from "./model.ts";

export const benchEngineCommand: Command = {
  name: ["bench", "engine"],
  summary: "Benchmark the engine: events/s, per-event latency, bytes per live session",
  usage: `[--json] [--events N] [--live N] [--rounds R] [--seed S] [--model FILE]

  --events N   simulated events to process per round (default 1,000,000; min 1,000)
  --live N     live sessions held for the memory figure (default 100,000)
  --rounds R   timed rounds; the median is reported with its spread (default 5)
  --seed S     simulator seed (default 1)
  --model FILE a trained model bundle to measure beside the heuristic (default: the prior)
  --json       print JSON only`,
  options: {
    json: { type: "boolean" },
    model: { type: "string" },
    events: { type: "string" },
    live: { type: "string" },
    rounds: { type: "string" },
    seed: { type: "string" },
  },
  async run(v) {
    const result = await benchEngine({
      events: intFlag(v, "events", { min: 1000, max: 50_000_000, default: 1_000_000 }),
      liveSessions: intFlag(v, "live", { min: 100, max: 5_000_000, default: 100_000 }),
      rounds: intFlag(v, "rounds", { min: 1, max: 100, default: 5 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      model: v.model ? modelScorer(readBundle(inputFile(v, "model"))) : priorScorer(),
      progress: (label) => new Progress(label),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};

export const benchSegmentsCommand: Command = {
  name: ["bench", "segments"],
  summary: "Benchmark segment evaluation: ours vs GrowthBook evalCondition vs json-logic-js",
  usage: `[--json] [--snapshots N] [--rounds R] [--seed S]

  --snapshots N  session snapshots (default 1,000,000); 50 segments are evaluated on each
  --rounds R     timed rounds per evaluator; medians and spread reported (default 3)
  --seed S       simulator seed (default 1)
  --json         print JSON only`,
  options: {
    json: { type: "boolean" },
    snapshots: { type: "string" },
    rounds: { type: "string" },
    seed: { type: "string" },
  },
  async run(v) {
    const result = await benchSegments({
      snapshots: intFlag(v, "snapshots", { min: 100, max: 10_000_000, default: 1_000_000 }),
      rounds: intFlag(v, "rounds", { min: 1, max: 50, default: 3 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      progress: (label) => new Progress(label),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};

export const benchTagCommand: Command = {
  name: ["bench", "tag"],
  summary: "Build the browser tag and report its sizes (core budget: 4 KB gzip)",
  usage:
    "[--json]\n\n  Prints {coreGzipBytes, coreBrotliBytes, lazyGzipBytes, coreBytes, lazyBytes, budget, withinBudget}.",
  options: { json: { type: "boolean" } },
  async run(v) {
    const dir = mkdtempSync(join(tmpdir(), "intently-tag-"));
    try {
      const b = await buildTag(dir);
      const result = {
        coreGzipBytes: b.coreGzipBytes,
        coreBrotliBytes: b.coreBrotliBytes,
        lazyGzipBytes: b.lazyGzipBytes,
        coreBytes: b.coreBytes,
        lazyBytes: b.lazyBytes,
        budget: CORE_GZIP_BUDGET,
        withinBudget: b.coreGzipBytes <= CORE_GZIP_BUDGET,
        version: b.version,
      };
      process.stdout.write(benchJson(result, v.json === true));
      return 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const benchTagCostCommand: Command = {
  name: ["bench", "tag-cost"],
  summary:
    "What the tag costs a throttled Chromium on a scripted shop visit, vs no tag and peer tags",
  usage: `[--json] [--runs N] [--cpu-throttle X] [--nodes N] [--cpu-profile FILE]

  --runs N            visits per variant (no tag, Intently, plausible-tracker, clarity-js);
                      medians and spread reported (default 5)
  --cpu-throttle X    Chromium's CPU slowdown through the DevTools protocol (default 4)
  --nodes N           DOM elements per shop page, about (default 1,500)
  --cpu-profile FILE  also write a V8 CPU profile of one extra Intently visit to FILE (open it
                      in Chrome DevTools › Performance)
  --json              print JSON only
  Prints {setup, variants: {none, intently, plausible, clarity}: {perVisit, added, …},
  lightestPeer, ratios}. Only 127.0.0.1 is contacted; the tags send to a local 204 sink.`,
  options: {
    json: { type: "boolean" },
    runs: { type: "string" },
    "cpu-throttle": { type: "string" },
    nodes: { type: "string" },
    "cpu-profile": { type: "string" },
  },
  async run(v) {
    const result = await benchTagCost({
      runs: intFlag(v, "runs", { min: 1, max: 50, default: 5 }),
      cpuThrottle: intFlag(v, "cpu-throttle", { min: 1, max: 20, default: 4 }),
      nodes: intFlag(v, "nodes", { min: 100, max: 20_000, default: 1500 }),
      ...(v["cpu-profile"] ? { cpuProfile: outputFile(v, "cpu-profile") } : {}),
      progress: (label) => new Progress(label),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return 0;
  },
};

/** A decimal flag (`--minutes 0.3`) within [min, max]. */
function decimalFlag(
  v: Record<string, string | boolean | undefined>,
  name: string,
  opts: { min: number; max: number; default: number },
): number {
  const raw = v[name];
  if (raw === undefined) return opts.default;
  const n = typeof raw === "string" && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= opts.min && n <= opts.max))
    throw new CliError(
      `--${name} must be a number between ${opts.min} and ${opts.max}, got ${raw}`,
    );
  return n;
}

export const benchDiskCommand: Command = {
  name: ["bench", "disk"],
  summary: "What the data folder costs per million events: the log plain and compressed, DuckDB",
  usage: `[--json] [--events N] [--concurrency C] [--codec-rounds R] [--seed S] [--keep DIR]

  --events N        simulated events sent through the real collector (default 200,000)
  --concurrency C   requests in flight at most (default 16)
  --codec-rounds R  rounds of the gzip/brotli comparison on the log's segments (default 3)
  --seed S          simulator seed (default 1)
  --keep DIR        leave the data folder in DIR (a new folder) instead of deleting it
  --json            print JSON only
  Prints {events, load, perMillionEventsMB: {logPlain, logCompressed, duckdb, dataFolder}, codecs};
  the server runs on 127.0.0.1 in a child process, its data in a temporary folder.`,
  options: {
    json: { type: "boolean" },
    events: { type: "string" },
    concurrency: { type: "string" },
    "codec-rounds": { type: "string" },
    seed: { type: "string" },
    keep: { type: "string" },
  },
  async run(v) {
    const result = await benchDisk({
      events: intFlag(v, "events", { min: 1000, max: 2_000_000, default: 200_000 }),
      concurrency: intFlag(v, "concurrency", { min: 1, max: 64, default: 16 }),
      codecRounds: intFlag(v, "codec-rounds", { min: 1, max: 20, default: 3 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      maxSeconds: 3600,
      ...(v.keep ? { keep: resolve(stringFlag(v, "keep", { required: true })) } : {}),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return result.load.complete ? 0 : 1;
  },
};

export const benchSoakCommand: Command = {
  name: ["bench", "soak"],
  summary:
    "Soak the whole server at a steady event rate: memory, loop delay, latency, acked = stored",
  usage: `[--json] [--minutes N] [--rate R] [--sample-seconds S] [--idle-minutes N]
       [--concurrency C] [--seed S] [--cpu-profile-dir DIR]

  --minutes N         length of the load, fractional allowed (default 25)
  --rate R            events per second, in realistic sessions: 5–40 events over 10–120 s,
                      batches of 1–10, 2 % resent with the same batch id (default 1,750)
  --sample-seconds S  how often the server is sampled (default 30)
  --idle-minutes N    then sample the server for N minutes with no traffic (default 0)
  --concurrency C     requests in flight at most (default 48)
  --seed S            simulator seed (default 1)
  --cpu-profile-dir D write the server's V8 CPU profile (.cpuprofile) into D when it exits,
                      to see what holds its event loop (a stall) or costs CPU
  --json              print JSON only (a line per sample still goes to stderr)
  Prints {config, samples[], table (per 5 minutes), afterLoad, totals, disk, verdict}; the
  server runs on 127.0.0.1 in a child process, its data in a temporary folder.`,
  options: {
    json: { type: "boolean" },
    minutes: { type: "string" },
    rate: { type: "string" },
    "sample-seconds": { type: "string" },
    "idle-minutes": { type: "string" },
    concurrency: { type: "string" },
    seed: { type: "string" },
    "cpu-profile-dir": { type: "string" },
  },
  async run(v) {
    const result = await benchSoak({
      ...(v["cpu-profile-dir"] ? { cpuProfDir: resolve(String(v["cpu-profile-dir"])) } : {}),
      minutes: decimalFlag(v, "minutes", { min: 0.05, max: 600, default: 25 }),
      rate: intFlag(v, "rate", { min: 1, max: 50_000, default: 1750 }),
      sampleSeconds: decimalFlag(v, "sample-seconds", { min: 1, max: 3600, default: 30 }),
      idleMinutes: decimalFlag(v, "idle-minutes", { min: 0, max: 600, default: 0 }),
      concurrency: intFlag(v, "concurrency", { min: 1, max: 64, default: 48 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
      onSample: (s) =>
        process.stderr.write(
          `soak ${s.tSec}s: ${s.server.liveSessions} live, heap after GC ${s.server.heapAfterGcMB} MB, ` +
            `loop p99 ${s.server.loopP99Ms} ms max ${s.server.loopMaxMs} ms, ` +
            `p99 ${s.load.p99Ms} ms, ${s.load.eventsPerSec} ev/s\n`,
        ),
    });
    process.stdout.write(benchJson(result, v.json === true));
    return result.verdict.ackedEqualsStored ? 0 : 1;
  },
};
