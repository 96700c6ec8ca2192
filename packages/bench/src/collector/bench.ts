/**
 * `intently bench collector`: the full collector (validation, engine, durable group-committed
 * log, store) against a bare `node:http` server that only parses the same JSON and answers 204,
 * side by side in one run. Each runs in a child process on 127.0.0.1; the load comes from a
 * third process (keep-alive connections on raw sockets) sending the same request set — batches
 * of 10 events cut from simulated sessions — to both, bounded in count and time. Rounds
 * alternate the order; medians and spread are reported, with the CPU time per request of each
 * server (all its threads) and of the load generator, so a ratio limited by the machine's cores
 * can be told from one limited by the collector's own work.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { simulateSessions } from "@intently/simulator";
import { round, spreadOf } from "../runner.ts";
import { type CpuProfile, STAGES, type Stage, stageTimes } from "./stages.ts";

export const EVENTS_PER_BATCH = 10;
export const TARGET_RATIO = 0.7;
const SITE_KEY = "pk_bench_collector";
const ORIGIN = "https://shop.example";
const WARMUP_REQUESTS = 2000;

export interface CollectorBenchOptions {
  requests: number;
  rounds: number;
  concurrency: number;
  maxSeconds: number;
  seed: number;
  /** Where to write the profiled round's V8 CPU profile (.cpuprofile), if anywhere. */
  cpuProfile?: string;
}

interface LoadResult {
  done: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  p50ms: number;
  p99ms: number;
  /** The load generator's CPU time (µs). */
  cpuUs: number;
  /** The server's CPU time over the run (µs, all threads). */
  serverCpuUs: number;
}

/** The server's standalone collector entry, and this bench's own child scripts. */
// Resolved when a bench runs, not when the CLI loads: the production build (dist/) has no tsx.
const serveScript = () => fileURLToPath(import.meta.resolve("@intently/server/collector-serve"));
const here = dirname(fileURLToPath(import.meta.url));

function child(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", import.meta.resolve("tsx"), script, ...args], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
}

/** A server child's CPU time so far (µs, all its threads), asked over the IPC channel. */
function cpuOf(p: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const exited = () => reject(new Error("bench child exited"));
    p.once("exit", exited);
    p.once("message", (m) => {
      p.off("exit", exited);
      resolve((m as { cpuUs: number }).cpuUs);
    });
    p.send("cpu");
  });
}

/** Sends `message` over the IPC channel and waits for the child's answer. */
function ask<T>(p: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = () => reject(new Error("bench child exited"));
    p.once("exit", exited);
    p.once("message", (m) => {
      p.off("exit", exited);
      resolve(m as T);
    });
    p.send(message);
  });
}

function firstLine<T>(p: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    p.once("exit", (code) => reject(new Error(`bench child exited early (${code})`)));
    createInterface({ input: p.stdout! }).once("line", (l) => resolve(JSON.parse(l) as T));
  });
}

/** Request bodies: full 10-event chunks of simulated sessions, times shifted to now. */
function requestSet(n: number, seed: number, tag: string): string {
  const lines: string[] = [];
  for (const s of simulateSessions({ sessions: n, seed, days: 1 })) {
    for (let i = 0; i + EVENTS_PER_BATCH <= s.events.length; i += EVENTS_PER_BATCH) {
      const events = s.events.slice(i, i + EVENTS_PER_BATCH);
      const batch = {
        site: SITE_KEY,
        batch: `b_${tag}_${lines.length}`,
        visitor: `${s.visitor}_${tag}`,
        session: `${s.session}_${tag}`,
        sentAt: events.at(-1)!.t + 50,
        context: s.context,
        events,
      };
      lines.push(JSON.stringify(batch));
      if (lines.length >= n) return `${lines.join("\n")}\n`;
    }
  }
  return `${lines.join("\n")}\n`;
}

async function load(
  server: { port: number; proc: ChildProcess },
  file: string,
  o: CollectorBenchOptions,
): Promise<LoadResult> {
  const before = await cpuOf(server.proc);
  const p = child(join(here, "load.ts"), [
    ...["--port", String(server.port), "--file", file, "--origin", ORIGIN],
    ...["--concurrency", String(o.concurrency), "--max-seconds", String(o.maxSeconds)],
  ]);
  const r = await firstLine<Omit<LoadResult, "serverCpuUs">>(p);
  return { ...r, serverCpuUs: (await cpuOf(server.proc)) - before };
}

const perSec = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);

export async function benchCollector(o: CollectorBenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), "intently-bench-collector-"));
  const procs: ChildProcess[] = [];
  try {
    const ours = child(serveScript(), [
      ...["--data-dir", join(dir, "data"), "--site-key", SITE_KEY, "--origins", ORIGIN],
      // Capacity is measured, not the per-site limit (the per-visitor limit stays on).
      ...["--site-rate", "1000000"],
    ]);
    const ceiling = child(join(here, "ceiling.ts"), []);
    procs.push(ours, ceiling);
    const ports = {
      ours: { port: (await firstLine<{ port: number }>(ours)).port, proc: ours },
      ceiling: { port: (await firstLine<{ port: number }>(ceiling)).port, proc: ceiling },
    };
    const warm = join(dir, "warmup.ndjson");
    writeFileSync(warm, requestSet(WARMUP_REQUESTS, o.seed + 1000, "w"));
    await load(ports.ceiling, warm, o);
    await load(ports.ours, warm, o);
    const rounds: { ours: LoadResult; ceiling: LoadResult }[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const file = join(dir, `round-${r}.ndjson`);
      writeFileSync(file, requestSet(o.requests, o.seed + r, `r${r}`));
      const first = r % 2 === 0 ? "ceiling" : "ours";
      const second = first === "ours" ? "ceiling" : "ours";
      const a = await load(ports[first], file, o);
      const b = await load(ports[second], file, o);
      rounds.push(first === "ours" ? { ours: a, ceiling: b } : { ours: b, ceiling: a });
    }
    // One more round on ours, under V8's sampling profiler, for the CPU by stage (not timed).
    const file = join(dir, "profiled.ndjson");
    writeFileSync(file, requestSet(o.requests, o.seed + 500, "p"));
    await ask(ports.ours.proc, "profile-start");
    const profiled = await load(ports.ours, file, o);
    const { profile } = await ask<{ profile: CpuProfile }>(ports.ours.proc, "profile-stop");
    if (o.cpuProfile) writeFileSync(o.cpuProfile, JSON.stringify(profile));
    return report(rounds, o, stagesPerRequest(profile, profiled));
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await Promise.all(
      procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(0) : p.once("exit", r)))),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** µs of CPU per request by stage; `otherThreads`: the server's CPU off the main thread. */
function stagesPerRequest(profile: CpuProfile, run: LoadResult) {
  const times = stageTimes(profile);
  const main = Object.values(times).reduce((a, b) => a + b, 0);
  const per = (us: number) => round(us / Math.max(1, run.done), 1);
  return {
    stagesUs: Object.fromEntries(STAGES.map((s) => [s, per(times[s])])) as Record<Stage, number>,
    mainThreadUs: per(main),
    otherThreadsUs: per(Math.max(0, run.serverCpuUs - main)),
    profiledCpuUsPerReq: per(run.serverCpuUs),
  };
}

function report(
  rounds: { ours: LoadResult; ceiling: LoadResult }[],
  o: CollectorBenchOptions,
  stages: ReturnType<typeof stagesPerRequest>,
) {
  const side = (k: "ours" | "ceiling") => {
    const rps = spreadOf(rounds.map((r) => perSec(r[k].ok, r[k].elapsedMs)));
    return {
      reqPerSec: round(rps.median, 0),
      eventsPerSec: round(rps.median * EVENTS_PER_BATCH, 0),
      p50ms: round(spreadOf(rounds.map((r) => r[k].p50ms)).median, 2),
      p99ms: round(spreadOf(rounds.map((r) => r[k].p99ms)).median, 2),
      spread: round(rps.spread, 3),
      // CPU per answered request, all threads of the server, and of the load generator.
      cpuUsPerReq: round(spreadOf(rounds.map((r) => r[k].serverCpuUs / r[k].done)).median, 1),
      loadgenCpuUsPerReq: round(spreadOf(rounds.map((r) => r[k].cpuUs / r[k].done)).median, 1),
      errors: rounds.reduce((n, r) => n + r[k].errors + (r[k].done - r[k].ok), 0),
      statuses: rounds.map((r) => r[k].statuses),
    };
  };
  const ours = side("ours");
  const { eventsPerSec: _, ...ceiling } = side("ceiling");
  const ratios = spreadOf(
    rounds.map(
      (r) => perSec(r.ours.ok, r.ours.elapsedMs) / perSec(r.ceiling.ok, r.ceiling.elapsedMs),
    ),
  );
  return {
    ours,
    ceiling,
    // The same server in one more, profiled round: where a request's CPU goes.
    ...stages,
    ratio: round(ours.reqPerSec / Math.max(1, ceiling.reqPerSec), 3),
    ratioSpread: { min: round(ratios.min, 3), max: round(ratios.max, 3) },
    /** The ceiling's CPU per request over ours: the ratio with the CPU to spare for both. */
    cpuRatio: round(ceiling.cpuUsPerReq / Math.max(1e-9, ours.cpuUsPerReq), 3),
    cores: availableParallelism(),
    perRound: rounds.map((r) => ({
      ours: round(perSec(r.ours.ok, r.ours.elapsedMs), 0),
      ceiling: round(perSec(r.ceiling.ok, r.ceiling.elapsedMs), 0),
    })),
    target: TARGET_RATIO,
    rounds: o.rounds,
    requestsPerRound: o.requests,
    eventsPerBatch: EVENTS_PER_BATCH,
    concurrency: o.concurrency,
  };
}
