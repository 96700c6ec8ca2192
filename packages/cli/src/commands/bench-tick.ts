/**
 * `intently bench tick`: the engine clock's tick at N live sessions, the deadline clock beside
 * the full scan (packages/bench/src/tick.ts); `intently bench live-tick`: the live hub's work per
 * tick with streams open, the incremental index beside the full scan (live-tick.ts). Here only
 * their flags, checked, and the JSON printed.
 */
import { benchJson, benchLiveTick, benchTick, MAX_TICK_SESSIONS } from "@intently/bench";
import { modelScorer, priorScorer } from "@intently/intent-model";
import { CliError, type Command } from "../command.ts";
import { inputFile, intFlag, stringFlag } from "../flags.ts";
import { readBundle } from "./model.ts";

const TICK_OPTIONS = {
  live: { type: "string" },
  ticks: { type: "string" },
  seed: { type: "string" },
  model: { type: "string" },
  json: { type: "boolean" },
} as const;

const TICK_FLAGS = `  --live N,M   live-session counts (default 10000,100000)
  --ticks T    ticks timed per count, 5 s apart (default 12)
  --seed S     traffic seed (default 1)
  --model FILE the scorer's model bundle (default: the prior model, as the server)
  --json       print JSON only`;

function sizes(raw: string): number[] {
  const out = raw.split(",").map((s) => Number(s.trim()));
  if (out.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_TICK_SESSIONS))
    throw new CliError(`--live: integers 1..${MAX_TICK_SESSIONS}, comma-separated`, 2);
  return out;
}

export const benchTickCommand: Command = {
  name: ["bench", "tick"],
  summary: "Time of one engine clock tick at N live sessions: deadlines vs the full scan",
  usage: `[--live N,M] [--ticks T] [--seed S] [--model FILE] [--json]

${TICK_FLAGS}
  Prints {points:[{liveSessions, deadlines:{medianMs,…}, scan:{medianMs,…}, speedup}]}.`,
  options: TICK_OPTIONS,
  async run(v) {
    process.stdout.write(benchJson(benchTick(tickOptions(v)), v.json === true));
    return 0;
  },
};

export const benchLiveTickCommand: Command = {
  name: ["bench", "live-tick"],
  summary:
    "The live hub's work per engine tick with 3 streams open: incremental index vs full scan",
  usage: `[--live N,M] [--ticks T] [--seed S] [--model FILE] [--json]

${TICK_FLAGS}
  Prints {points:[{liveSessions, streams, scan:{medianMs,…}, incremental:{medianMs,…}, sameViews,
  speedup}]}.`,
  options: TICK_OPTIONS,
  async run(v) {
    process.stdout.write(benchJson(benchLiveTick(tickOptions(v)), v.json === true));
    return 0;
  },
};

function tickOptions(v: Parameters<Command["run"]>[0]) {
  return {
    liveSessions: sizes(stringFlag(v, "live", { default: "10000,100000" })),
    ticks: intFlag(v, "ticks", { min: 1, max: 1000, default: 12 }),
    seed: intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 }),
    scorer: v.model ? modelScorer(readBundle(inputFile(v, "model"))) : priorScorer(),
  };
}
