/**
 * `intently bench soak`: hours at load in one server process (issue 24). The whole server runs
 * in a child process on 127.0.0.1 (serve.ts: every plugin, the demo's site and segments); this
 * process drives it with realistic sessions at a steady event rate (load.ts), every
 * `sampleSeconds` asks it for its memory, event-loop delay and live sessions (sampler.ts, in the
 * server process) beside the load's latency and statuses and the data folder's size, then stops
 * the load, settles the heap (a forced full GC, the load over), closes the server gracefully
 * (every live session ended, the store flushed) and compares acknowledged events with stored
 * events per session (verify.ts). Bounded in time (`minutes`, then at most the request timeout
 * and the close) and in count (requests), loopback only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { exited } from "../child.ts";
import { round } from "../runner.ts";
import { type LoadWindow, SoakLoad } from "./load.ts";
import { diskUsage, type SoakSample, sampleOf, TABLE_MINUTES, tableOf } from "./report.ts";
import type { ServerSample, SettledMemory } from "./sampler.ts";
import type { SoakAnswer, SoakAsk } from "./serve.ts";
import { SHAPE } from "./sessions.ts";
import { newestProfile, type Stall, stallsOf } from "./stalls.ts";
import { verifyStored } from "./verify.ts";

const SITE_ID = "soak";
const SITE_KEY = "pk_soak";
const ORIGIN = "https://shop.example";
const REQUEST_TIMEOUT_MS = 30_000;
/** The graceful close ends every live session and flushes them: generous, but bounded. */
const CLOSE_TIMEOUT_MS = 600_000;
const MB = 1024 * 1024;
/** Busy stretches of the profile listed in the result: this long at least, the longest first. */
const STALL_MS = 50;
const MAX_STALLS = 20;

export interface SoakOptions {
  /** Length of the load (fractional for a quick run). */
  minutes: number;
  /** Events per second. */
  rate: number;
  sampleSeconds: number;
  concurrency: number;
  seed: number;
  /** Minutes of sampling after the load, with no traffic (0: none). */
  idleMinutes: number;
  /** Share of acknowledged batches resent with the same id (default 2 %). */
  resendShare?: number;
  /** Where the server writes its V8 CPU profile at exit (`--cpu-prof`); none if unset. */
  cpuProfDir?: string;
  /** Called with every sample as it is taken (the CLI prints a line). */
  onSample?: (s: SoakSample) => void;
}

const here = dirname(fileURLToPath(import.meta.url));

function asker(p: ChildProcess) {
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  p.on("message", (m: SoakAnswer) => {
    const w = pending.get(m.id);
    if (!w) return;
    pending.delete(m.id);
    if (m.error !== undefined) w.reject(new Error(m.error));
    else w.resolve(m.result);
  });
  p.once("exit", () => {
    for (const w of pending.values()) w.reject(new Error("soak server exited"));
    pending.clear();
  });
  return <T>(ask: SoakAsk["ask"]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!p.connected) {
        reject(new Error("soak server exited"));
        return;
      }
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // With a callback a closed channel is an error here, not an 'error' event on the child.
      p.send({ id, ask } satisfies SoakAsk, (e) => {
        if (!e) return;
        pending.delete(id);
        reject(e);
      });
    });
}

function portOf(p: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    p.once("exit", (code) => reject(new Error(`soak server exited early (${code})`)));
    const lines = createInterface({ input: p.stdout! });
    lines.on("line", (l) => {
      if (!l.startsWith('{"port":')) return;
      lines.close();
      resolve((JSON.parse(l) as { port: number }).port);
    });
  });
}

export async function benchSoak(o: SoakOptions) {
  const dir = mkdtempSync(join(tmpdir(), "intently-bench-soak-"));
  const dataDir = join(dir, "data");
  const server = spawn(
    process.execPath,
    [
      ...(o.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", o.cpuProfDir] : []),
      ...["--import", import.meta.resolve("tsx"), join(here, "serve.ts")],
      ...["--data-dir", dataDir, "--site-id", SITE_ID, "--site-key", SITE_KEY],
      ...["--origin", ORIGIN],
    ],
    { stdio: ["ignore", "pipe", "inherit", "ipc"] },
  );
  try {
    const ask = asker(server);
    const port = await portOf(server);
    const loadAvgStart = loadavg();
    const baseline = await ask<SettledMemory>("settle");
    const seconds = o.minutes * 60;
    const load = new SoakLoad({
      port,
      siteKey: SITE_KEY,
      origin: ORIGIN,
      rate: o.rate,
      seconds,
      prefillSeconds: SHAPE.maxSeconds,
      concurrency: o.concurrency,
      seed: o.seed,
      ...(o.resendShare === undefined ? {} : { resendShare: o.resendShare }),
      // Every batch holds at least one event; resends and retries on top.
      maxRequests: Math.ceil(o.rate * seconds * 1.1) + 1000,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const samples: SoakSample[] = [];
    const windows: LoadWindow[] = [];
    const t0 = Date.now();
    let lastT = 0;
    let idle = false;
    const take = async () => {
      const s = await ask<ServerSample>("sample");
      const w: LoadWindow = load.takeWindow();
      const tSec = (Date.now() - t0) / 1000;
      const disk = diskUsage(dataDir);
      const sample = sampleOf(tSec, tSec - lastT, s, w, disk, baseline.heapUsedBytes, idle);
      lastT = tSec;
      samples.push(sample);
      windows.push(w);
      o.onSample?.(sample);
    };
    /** Samples every `sampleSeconds` while `work` runs, then the last, partial window. */
    const sampled = async (work: Promise<void>) => {
      let sampling: Promise<void> = Promise.resolve();
      let failure: unknown = null;
      const timer = setInterval(() => {
        sampling = sampling.then(take).catch((e: unknown) => {
          failure ??= e;
        });
      }, o.sampleSeconds * 1000);
      try {
        await work;
      } finally {
        clearInterval(timer);
      }
      await sampling;
      if (failure) throw failure;
      if ((Date.now() - t0) / 1000 - lastT >= 0.5 || samples.length === 0) await take();
    };
    const serverGone = () => load.stop();
    server.once("exit", serverGone);
    await sampled(load.run());
    server.off("exit", serverGone);
    const loadSeconds = (Date.now() - t0) / 1000;
    if (o.idleMinutes > 0) {
      // No traffic: what the server does on its own with the sessions still live.
      idle = true;
      await sampled(new Promise((r) => setTimeout(r, o.idleMinutes * 60_000)));
    }
    const settled = await ask<SettledMemory>("settle");
    const loadAvgEnd = loadavg();
    const closeAt = Date.now();
    server.kill("SIGTERM");
    const code = await exited(server, CLOSE_TIMEOUT_MS);
    if (code !== 0) throw new Error(`soak server did not close cleanly (exit ${code})`);
    const stalls = o.cpuProfDir ? loadStalls(o.cpuProfDir, (Date.now() - closeAt) / 1000) : null;
    const verdict = await verifyStored(dataDir, SITE_ID, load.ledger);
    const disk = diskUsage(dataDir);
    const t = load.totals;
    const perMillion = (mb: number) => round((mb * 1e6) / Math.max(1, t.eventsAcked), 1);
    return {
      config: {
        minutes: o.minutes,
        rate: o.rate,
        sampleSeconds: o.sampleSeconds,
        idleMinutes: o.idleMinutes,
        concurrency: o.concurrency,
        seed: o.seed,
        prefillSeconds: SHAPE.maxSeconds,
        shape: { ...SHAPE, resendShare: o.resendShare ?? SHAPE.resendShare },
        tableMinutes: TABLE_MINUTES,
        server: "the whole server (every plugin) with the demo's site and custom segments",
        heapAfterGc:
          "v8 used heap read when a major GC is reported (PerformanceObserver 'gc'); no forced GC during the load",
        heapPerSession: "(heap after GC − heap after a forced GC before the load) / live sessions",
        loopDelay: "monitorEventLoopDelay, 10 ms resolution subtracted, reset every sample",
        latency: "from the time a batch was due to its answer (sendP99Ms: from its write)",
      },
      machine: {
        cores: availableParallelism(),
        loadAvgStart: loadAvgStart.map((x) => round(x, 2)),
        loadAvgEnd: loadAvgEnd.map((x) => round(x, 2)),
        note: "shared machine: other work may run beside the bench",
      },
      baseline: memoryOf(baseline, baseline),
      samples,
      table: tableOf(samples, windows),
      afterLoad: memoryOf(settled, baseline),
      totals: {
        ...t,
        loadSeconds: round(loadSeconds, 1),
        eventsPerSec: round(t.eventsSent / Math.max(1, seconds), 0),
        sessionsPerSec: round(t.sessionsNew / Math.max(1e-3, seconds), 1),
        eventsPerSession: round(t.eventsOfNewSessions / Math.max(1, t.sessionsNew), 1),
        eventsPerBatch: round(t.eventsSent / Math.max(1, t.batchesSent), 2),
      },
      disk: {
        ...disk,
        perMillionEventsMB: {
          data: perMillion(disk.dataMB),
          log: perMillion(disk.logMB),
          duckdb: perMillion(disk.duckdbMB),
        },
      },
      ...(stalls ? { stalls } : {}),
      verdict: {
        ...verdict,
        // A resend lost to a socket error got no answer at all (the load does not retry it).
        resendsAnsweredAsDuplicates:
          t.resendsSent > 0 && t.resendsAnsweredDuplicate === t.resendsSent - t.resendsUnanswered,
      },
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGKILL");
      await exited(server, 10_000);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The server's busy stretches of at least STALL_MS during its life but the close (the close ends
 * every live session at once: long, and not what a shopper waits on), from its CPU profile.
 */
function loadStalls(dir: string, closeSeconds: number): { note: string; longest: Stall[] } | null {
  const p = newestProfile(dir);
  if (!p) return null;
  const until = (p.endTime - p.startTime) / 1e6 - closeSeconds;
  return {
    note: `busy stretches of the server's main thread >= ${STALL_MS} ms before its close, from its CPU profile in ${dir}`,
    longest: stallsOf(p, STALL_MS, until).slice(0, MAX_STALLS),
  };
}

/** Memory after forced full collections; per live session beyond the heap before the load. */
function memoryOf(m: SettledMemory, baseline: SettledMemory) {
  const per = (bytes: number) => (m.liveSessions > 0 ? round(bytes / m.liveSessions, 0) : null);
  return {
    liveSessions: m.liveSessions,
    heapUsedMB: round(m.heapUsedBytes / MB, 1),
    arrayBuffersMB: round(m.arrayBuffersBytes / MB, 1),
    rssMB: round(m.rssBytes / MB, 1),
    heapPerSessionBytes: per(m.heapUsedBytes - baseline.heapUsedBytes),
    heapAndBuffersPerSessionBytes: per(
      m.heapUsedBytes + m.arrayBuffersBytes - baseline.heapUsedBytes - baseline.arrayBuffersBytes,
    ),
  };
}
