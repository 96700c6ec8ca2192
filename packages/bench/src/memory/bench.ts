/**
 * `intently bench memory`: heap after GC per live session in the full server, end to end. The
 * server (`collector-serve --full --demo-segments`: every plugin `intently start` runs, the
 * demo's custom segments live) runs in a child process on 127.0.0.1; simulated sessions reach
 * it through `POST /v1/collect` from the collector bench's load generator, each session's
 * events in batches of 1–10 sent in waves (every session's first batch, then every second…),
 * so the sessions stay live (nothing ends them within the run) and their batches arrive in
 * order. At each size the server collects its garbage fully and reports its heap, RSS and live
 * sessions; optionally it writes a heap snapshot, and the snapshots of the first and last size
 * are compared by constructor and by retainer (heap-snapshot.ts): bytes per live session held
 * by each. Bounded: sizes ≤ 200k sessions, each load run ≤ `maxSeconds`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { simulateSessions } from "@intently/simulator";
import { rng } from "../prng.ts";
import { round } from "../runner.ts";
import { perSession, readHeapSnapshot, summarize } from "./heap-snapshot.ts";

const SITE_KEY = "pk_bench_memory";
const SITE_ID = "site-bench-memory";
const ORIGIN = "https://shop.example";
export const MAX_MEMORY_SESSIONS = 200_000;

export interface MemoryBenchOptions {
  /** Live-session counts to measure at, ascending (cumulative). */
  sessions: number[];
  seed: number;
  concurrency: number;
  /** Bound of each load run. */
  maxSeconds: number;
  /** Where to write heap snapshots at every size (and compare first and last); none if unset. */
  snapshotDir?: string;
  progress?: (line: string) => void;
}

interface MemoryAnswer {
  heapAfterGc: number;
  heapUsed: number;
  arrayBuffers: number;
  external: number;
  rss: number;
  liveSessions: number;
  recorderSessions: number;
  idempotencyKeys: number;
}

const serveScript = () => fileURLToPath(import.meta.resolve("@intently/server/collector-serve"));
const loadScript = join(dirname(fileURLToPath(import.meta.url)), "..", "collector", "load.ts");

function child(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", import.meta.resolve("tsx"), script, ...args], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
}

/** The first line of `p`'s output that parses as a JSON object (the API prints other lines). */
function firstJson<T>(p: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    p.once("exit", (code) => reject(new Error(`bench child exited early (${code})`)));
    const lines = createInterface({ input: p.stdout! });
    lines.on("line", (l) => {
      if (!l.startsWith("{")) return;
      lines.close();
      resolve(JSON.parse(l) as T);
    });
  });
}

function ask<T>(p: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = () => reject(new Error("bench child exited"));
    p.once("exit", exited);
    p.once("message", (m) => {
      p.off("exit", exited);
      resolve(m as T);
    });
    p.send(message as string);
  });
}

/** Request bodies for `sessions`, in waves: each session's k-th batch in wave k. */
function waves(sessions: ReturnType<typeof simulateSessions>, count: number, next: () => number) {
  const perSession: string[][] = [];
  let batchNo = 0;
  let events = 0;
  for (let i = 0; i < count; i++) {
    const r = sessions.next();
    if (r.done) break;
    const s = r.value;
    const bodies: string[] = [];
    for (let k = 0; k < s.events.length; ) {
      const size = 1 + Math.floor(next() * 10);
      const chunk = s.events.slice(k, k + size);
      k += size;
      events += chunk.length;
      bodies.push(
        JSON.stringify({
          site: SITE_KEY,
          batch: `b${batchNo++}`,
          visitor: s.visitor,
          session: s.session,
          // The collector shifts the events by (receive time − sentAt): they arrive as "now".
          sentAt: chunk.at(-1)!.t + 50,
          context: s.context,
          events: chunk,
        }),
      );
    }
    perSession.push(bodies);
  }
  const lines: string[] = [];
  for (let w = 0; ; w++) {
    let any = false;
    for (const b of perSession) {
      if (w < b.length) {
        lines.push(b[w]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return { body: `${lines.join("\n")}\n`, requests: lines.length, events };
}

export async function benchMemory(o: MemoryBenchOptions) {
  const sizes = [...o.sessions].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((n) => !(n > 0 && n <= MAX_MEMORY_SESSIONS)))
    throw new RangeError(`sessions must be 1..${MAX_MEMORY_SESSIONS}`);
  const say = o.progress ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "intently-bench-memory-"));
  if (o.snapshotDir) mkdirSync(o.snapshotDir, { recursive: true });
  const server = child(serveScript(), [
    ...["--data-dir", join(dir, "data"), "--site-key", SITE_KEY, "--site-id", SITE_ID],
    ...["--origins", ORIGIN, "--site-rate", "1000000", "--full", "--demo-segments"],
  ]);
  try {
    const { port } = await firstJson<{ port: number }>(server);
    const base = await ask<MemoryAnswer>(server, "memory");
    const source = simulateSessions({ sessions: sizes.at(-1)!, seed: o.seed, days: 1 });
    const next = rng(o.seed);
    const points: (MemoryAnswer & { sent: number; statuses: Record<string, number> })[] = [];
    const snapshots: string[] = [];
    let sent = 0;
    let requests = 0;
    let events = 0;
    for (const size of sizes) {
      const set = waves(source, size - sent, next);
      sent = size;
      requests += set.requests;
      events += set.events;
      const file = join(dir, `load-${size}.ndjson`);
      writeFileSync(file, set.body);
      say(`sending ${set.requests} batches (${set.events} events) up to ${size} sessions`);
      const load = child(loadScript, [
        ...["--port", String(port), "--file", file, "--origin", ORIGIN],
        ...["--concurrency", String(o.concurrency), "--max-seconds", String(o.maxSeconds)],
      ]);
      const result = await firstJson<{ statuses: Record<string, number> }>(load);
      rmSync(file);
      const m = await ask<MemoryAnswer>(server, "memory");
      points.push({ ...m, sent: size, statuses: result.statuses });
      say(
        `${m.liveSessions} live sessions: heap after GC ${Math.round(m.heapAfterGc / 2 ** 20)} MB`,
      );
      if (o.snapshotDir) {
        const path = join(o.snapshotDir, `heap-${size}.heapsnapshot`);
        await ask(server, { snapshot: path });
        snapshots.push(path);
      }
    }
    return {
      ...report(base, points),
      requests,
      events,
      ...(snapshots.length >= 2 ? { retainers: compare(snapshots, points, say) } : {}),
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(0) : server.once("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => round(bytes / 1024, 2);

function report(
  base: MemoryAnswer,
  points: (MemoryAnswer & { sent: number; statuses: Record<string, number> })[],
) {
  const first = points[0]!;
  const last = points.at(-1)!;
  const live = last.liveSessions - first.liveSessions;
  return {
    baseline: {
      heapAfterGcMB: round(base.heapAfterGc / 2 ** 20, 1),
      rssMB: round(base.rss / 2 ** 20, 1),
    },
    points: points.map((p) => ({
      sessionsSent: p.sent,
      liveSessions: p.liveSessions,
      recorderSessions: p.recorderSessions,
      idempotencyKeys: p.idempotencyKeys,
      heapAfterGcMB: round(p.heapAfterGc / 2 ** 20, 1),
      rssMB: round(p.rss / 2 ** 20, 1),
      // Over the server at rest: what the live sessions (and their batches) add.
      heapAfterGcKBPerLiveSession: kb((p.heapAfterGc - base.heapAfterGc) / p.liveSessions),
      rssKBPerLiveSession: kb((p.rss - base.rss) / p.liveSessions),
      statuses: p.statuses,
    })),
    // Between the first and the last size: the marginal cost of one more live session.
    marginal:
      live > 0
        ? {
            heapAfterGcKBPerLiveSession: kb((last.heapAfterGc - first.heapAfterGc) / live),
            rssKBPerLiveSession: kb((last.rss - first.rss) / live),
          }
        : null,
  };
}

/** Bytes per live session between the first and last snapshots, by retainer and by class. */
function compare(paths: string[], points: MemoryAnswer[], say: (l: string) => void) {
  const live = points.at(-1)!.liveSessions - points[0]!.liveSessions;
  say("reading heap snapshots");
  const a = summarize(readHeapSnapshot(paths[0]!));
  const b = summarize(readHeapSnapshot(paths.at(-1)!));
  const flat = (s: typeof a) =>
    Object.fromEntries(Object.entries(s.byClass).map(([k, v]) => [k, v.bytes]));
  return {
    snapshots: paths,
    liveSessions: live,
    totalBytesPerLiveSession: Math.round((b.totalBytes - a.totalBytes) / live),
    byRetainer: Object.fromEntries(perSession(a.holders, b.holders, live, 16).slice(0, 40)),
    byClass: Object.fromEntries(perSession(flat(a), flat(b), live, 8).slice(0, 40)),
  };
}
