/**
 * The soak's figures: one sample per window (server, load, disk), the table per 5 minutes the
 * closing note shows, and the data folder's size by part.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { quantile, round } from "../runner.ts";
import type { LoadWindow } from "./load.ts";
import type { ServerSample } from "./sampler.ts";

export const TABLE_MINUTES = 5;
const MB = 1024 * 1024;

export interface DiskUsage {
  dataMB: number;
  /** The collector's log (`<data>/log`). */
  logMB: number;
  /** DuckDB's file and WAL. */
  duckdbMB: number;
}

/** Bytes of every file under `dir` (0 when it does not exist). */
function bytesUnder(dir: string, only?: (name: string) => boolean): number {
  let n = 0;
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (only && !only(e.name)) continue;
    const p = join(dir, e.name);
    try {
      n += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
    } catch {
      // A file removed while we walk (a rotated WAL, a deleted segment) counts for nothing.
    }
  }
  return n;
}

export function diskUsage(dataDir: string): DiskUsage {
  return {
    dataMB: round(bytesUnder(dataDir) / MB, 1),
    logMB: round(bytesUnder(join(dataDir, "log")) / MB, 1),
    duckdbMB: round(bytesUnder(dataDir, (name) => name.startsWith("intently.duckdb")) / MB, 1),
  };
}

export interface SoakSample {
  /** Seconds since the load started, at the end of the window. */
  tSec: number;
  /** Taken after the load ended (`idleMinutes`): no traffic in its window. */
  idle: boolean;
  server: {
    liveSessions: number;
    rssMB: number;
    heapUsedMB: number;
    heapAfterGcMB: number | null;
    heapAfterGcAgeSec: number | null;
    /**
     * (heap after GC − the heap before the load) / live sessions; null until the server's own
     * work has caused a major GC (the baseline's forced one says nothing about sessions).
     */
    heapPerSessionBytes: number | null;
    arrayBuffersMB: number;
    loopP50Ms: number;
    loopP99Ms: number;
    loopMaxMs: number;
    majorGcs: number;
    gcPauseMaxMs: number;
    cpuPct: number;
    storePendingRows: number;
  };
  load: {
    requests: number;
    eventsPerSec: number;
    p50Ms: number;
    p99Ms: number;
    sendP99Ms: number;
    statuses: Record<string, number>;
    waiting: number;
    inFlight: number;
  };
  disk: DiskUsage;
}

export function sampleOf(
  tSec: number,
  windowSec: number,
  s: ServerSample,
  w: LoadWindow,
  disk: DiskUsage,
  baselineHeap: number,
  idle: boolean,
): SoakSample {
  // The baseline's forced GC, before the load, says nothing about the sessions.
  const perSession =
    s.heapAfterGcBytes !== null && !s.heapAfterGcForced && s.liveSessions > 0
      ? round((s.heapAfterGcBytes - baselineHeap) / s.liveSessions, 0)
      : null;
  return {
    tSec: round(tSec, 1),
    idle,
    server: {
      liveSessions: s.liveSessions,
      rssMB: round(s.rssBytes / MB, 1),
      heapUsedMB: round(s.heapUsedBytes / MB, 1),
      heapAfterGcMB: s.heapAfterGcBytes === null ? null : round(s.heapAfterGcBytes / MB, 1),
      heapAfterGcAgeSec: s.heapAfterGcAgeSec === null ? null : round(s.heapAfterGcAgeSec, 1),
      heapPerSessionBytes: perSession,
      arrayBuffersMB: round(s.arrayBuffersBytes / MB, 1),
      loopP50Ms: round(s.loopP50Ms, 1),
      loopP99Ms: round(s.loopP99Ms, 1),
      loopMaxMs: round(s.loopMaxMs, 1),
      majorGcs: s.majorGcs,
      gcPauseMaxMs: round(s.gcPauseMaxMs, 1),
      cpuPct: round(s.cpuPct, 0),
      storePendingRows: s.storePendingRows,
    },
    load: {
      requests: w.requests,
      eventsPerSec: round(w.events / Math.max(1e-3, windowSec), 0),
      p50Ms: round(w.p50Ms, 1),
      p99Ms: round(w.p99Ms, 1),
      sendP99Ms: round(w.sendP99Ms, 1),
      statuses: w.statuses,
      waiting: w.waiting,
      inFlight: w.inFlight,
    },
    disk,
  };
}

export interface TableRow {
  minutes: string;
  liveSessions: number;
  heapAfterGcMB: number | null;
  heapPerSessionBytes: number | null;
  /** From the time batches were due (a backlog of due batches included). */
  p99Ms: number;
  /** From the requests' write. */
  sendP99Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  eventsPerSec: number;
}

const p99Of = (windows: readonly Float64Array[]) => {
  const merged = Float64Array.from(windows.flatMap((l) => [...l])).sort();
  return merged.length ? round(quantile(merged, 0.99), 1) : 0;
};

/**
 * One row per 5 minutes (a sample belongs to the range its window starts in; the idle time
 * after the load starts its own rows, labelled "idle 5–10"): live sessions
 * and heap after GC at the range's last sample, p99 latency over every request of the range,
 * the worst window's loop delay p99 and its max.
 */
export function tableOf(
  samples: readonly SoakSample[],
  windows: readonly Pick<LoadWindow, "latencies" | "sendLatencies" | "events">[],
): TableRow[] {
  const rows: TableRow[] = [];
  const span = TABLE_MINUTES * 60;
  const rangeOf = (i: number) => Math.floor((i === 0 ? 0 : samples[i - 1]!.tSec) / span);
  const same = (i: number, j: number) =>
    rangeOf(i) === rangeOf(j) && samples[i]!.idle === samples[j]!.idle;
  let from = 0;
  let prevT = 0;
  while (from < samples.length) {
    const range = rangeOf(from);
    let to = from;
    while (to < samples.length && same(from, to)) to++;
    const group = samples.slice(from, to);
    const ws = windows.slice(from, to);
    const last = group.at(-1)!;
    const withHeap = group.filter((s) => s.server.heapPerSessionBytes !== null).at(-1);
    const seconds = Math.max(1e-3, last.tSec - prevT);
    const endMin = Math.min((range + 1) * TABLE_MINUTES, round(last.tSec / 60, 1));
    const startMin = Math.max(range * TABLE_MINUTES, round(prevT / 60, 1));
    rows.push({
      minutes: `${last.idle ? "idle " : ""}${from === 0 ? 0 : startMin}–${endMin}`,
      liveSessions: last.server.liveSessions,
      heapAfterGcMB: (withHeap ?? last).server.heapAfterGcMB,
      heapPerSessionBytes: withHeap?.server.heapPerSessionBytes ?? null,
      p99Ms: p99Of(ws.map((w) => w.latencies)),
      sendP99Ms: p99Of(ws.map((w) => w.sendLatencies)),
      loopP99Ms: Math.max(...group.map((s) => s.server.loopP99Ms)),
      loopMaxMs: Math.max(...group.map((s) => s.server.loopMaxMs)),
      eventsPerSec: round(ws.reduce((n, w) => n + w.events, 0) / seconds, 0),
    });
    prevT = last.tSec;
    from = to;
  }
  return rows;
}
